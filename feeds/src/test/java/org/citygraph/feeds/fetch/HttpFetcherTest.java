package org.citygraph.feeds.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citygraph.feeds.support.LocalHttpServer.gzip;
import static org.citygraph.feeds.support.LocalHttpServer.ok;
import static org.citygraph.feeds.support.LocalHttpServer.redirect;
import static org.citygraph.feeds.support.LocalHttpServer.slow;
import static org.citygraph.feeds.support.LocalHttpServer.status;
import static org.citygraph.feeds.support.LocalHttpServer.trickle;
import static org.citygraph.feeds.support.LocalHttpServer.withEtag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.citygraph.feeds.support.LocalHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher against a real local HTTP server. Loopback is allowed here by policy, as an admin would allow a network. */
class HttpFetcherTest {

    static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
    static final FetchSettings FAST = new FetchSettings(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(3),
            64 * 1024, 3, "CityGraph-test");

    static LocalHttpServer server;
    static HttpFetcher fetcher;

    @BeforeAll
    static void start() {
        server = new LocalHttpServer();
        fetcher = new HttpFetcher(FAST, new NetworkPolicy(List.of(NetworkPolicy.Cidr.parse("127.0.0.1/32"))));
    }

    @AfterAll
    static void stop() {
        server.close();
        fetcher.close();
    }

    @Test
    void aConditionalGetThatIsNotModifiedCostsNoBody() {
        server.route("/etag.xml", withEtag("application/rss+xml", FEED, "\"v1\""));
        var first = fetcher.get(server.url("/etag.xml"), null, null);
        assertThat(first.body()).isEqualTo(FEED);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        var second = fetcher.get(server.url("/etag.xml"), first.etag(), null);
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isNull();
    }

    @Test
    void gzipIsDecompressed() {
        server.route("/gzip.xml", gzip("application/rss+xml", FEED));
        assertThat(fetcher.get(server.url("/gzip.xml"), null, null).body()).isEqualTo(FEED);
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() {
        server.route("/old", redirect("/middle")).route("/middle", redirect(server.url("/new"))).route("/new", ok("text/xml", FEED));
        var result = fetcher.get(server.url("/old"), null, null);
        assertThat(result.finalUrl()).isEqualTo(server.url("/new"));
        assertThat(result.body()).isEqualTo(FEED);
    }

    @Test
    void refusesRedirectLoopsAndTooManyRedirects() {
        server.route("/loop-a", redirect("/loop-b")).route("/loop-b", redirect("/loop-a"));
        assertThatThrownBy(() -> fetcher.get(server.url("/loop-a"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.TOO_MANY_REDIRECTS));
        for (int i = 0; i < 6; i++) {
            server.route("/hop" + i, redirect("/hop" + (i + 1)));
        }
        server.route("/hop6", ok("text/xml", FEED));
        assertThatThrownBy(() -> fetcher.get(server.url("/hop0"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.TOO_MANY_REDIRECTS));
    }

    @Test
    void aSlowServerTimesOut() {
        server.route("/slow", slow(3000, "text/xml", FEED));
        assertThatThrownBy(() -> fetcher.get(server.url("/slow"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.TIMEOUT));
    }

    @Test
    void aServerThatTricklesForeverHitsTheTotalTimeout() {
        server.route("/trickle", trickle(200));
        long started = System.nanoTime();
        assertThatThrownBy(() -> fetcher.get(server.url("/trickle"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isIn(FetchFailure.Kind.TIMEOUT, FetchFailure.Kind.TOO_LARGE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anOversizeBodyIsRefused() {
        server.route("/huge", ok("text/xml", new byte[200 * 1024]));
        assertThatThrownBy(() -> fetcher.get(server.url("/huge"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.TOO_LARGE));
    }

    @Test
    void aGzipBombIsCutAtTheSizeCap() {
        server.route("/bomb", gzip("text/xml", new byte[50 * 1024 * 1024]));
        assertThatThrownBy(() -> fetcher.get(server.url("/bomb"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.TOO_LARGE));
    }

    @Test
    void httpErrorsAreFailuresWithTheStatus() {
        server.route("/gone", status(410));
        assertThatThrownBy(() -> fetcher.get(server.url("/gone"), null, null))
                .isInstanceOfSatisfying(FetchFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FetchFailure.Kind.HTTP_STATUS);
                    assertThat(f.getMessage()).contains("410");
                });
    }

    @Test
    void onlyHttpUrlsAreFetched() {
        for (var url : List.of("file:///etc/passwd", "ftp://example.org/feed", "gopher://x", "not a url", "http://user:pw@example.org/")) {
            assertThatThrownBy(() -> fetcher.get(url, null, null))
                    .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.INVALID_URL));
        }
    }

    @Test
    void theDefaultPolicyRefusesLoopbackByAddressAndByName() {
        try (var guarded = new HttpFetcher(FAST, NetworkPolicy.publicOnly())) {
            server.route("/feed.xml", ok("text/xml", FEED));
            for (var url : List.of(server.url("/feed.xml"), "http://localhost:" + server.port() + "/feed.xml",
                    "http://[::1]:" + server.port() + "/feed.xml")) {
                assertThatThrownBy(() -> guarded.get(url, null, null)).as(url)
                        .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.BLOCKED_ADDRESS));
            }
        }
    }

    @Test
    void aRedirectToAnInternalAddressIsRefused() {
        try (var other = new LocalHttpServer("127.0.0.2")) {
            other.route("/secret", ok("text/plain", "secret".getBytes()));
            server.route("/to-internal", redirect(other.url("/secret")));
            assertThatThrownBy(() -> fetcher.get(server.url("/to-internal"), null, null))
                    .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.kind()).isEqualTo(FetchFailure.Kind.BLOCKED_ADDRESS));
            assertThat(other.hits("/secret")).isZero();
        }
    }

    @Test
    void sendsAUserAgentThatNamesTheProduct() {
        var agent = new String[1];
        server.route("/ua", exchange -> {
            agent[0] = exchange.getRequestHeaders().getFirst("User-Agent");
            LocalHttpServer.send(exchange, 200, "text/xml", FEED);
        });
        fetcher.get(server.url("/ua"), null, null);
        assertThat(agent[0]).contains("CityGraph");
    }
}
