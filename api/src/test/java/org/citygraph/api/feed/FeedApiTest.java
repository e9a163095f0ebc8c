package org.citygraph.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.citygraph.api.support.ApiTest;
import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.Outbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

/** Feeds through the GraphQL API, against feeds served by a real local HTTP server. */
class FeedApiTest extends ApiTest {

    static final String ADD = """
            mutation($input: AddFeedInput!) {
              addFeed(input: $input) {
                feed { id title url itemCount healthy enabled pollIntervalSeconds publisher { id } lastSuccessAt }
                errors { field code message }
              }
            }""";

    @org.springframework.beans.factory.annotation.Autowired
    org.citygraph.api.event.EventStream stream;

    static LocalHttpServer server;
    static byte[] press;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
        try (var in = FeedApiTest.class.getClassLoader().getResourceAsStream("demo-feeds/nonsan-press.rss")) {
            press = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminAddsAFeedAndItsNewsIsStoredLinkedAndListed() {
        server.route("/add/press.rss", LocalHttpServer.ok("application/rss+xml", press));
        var feedId = as(Viewer.Role.ADMIN).document(ADD)
                .variable("input", Map.of("url", server.url("/add/press.rss"), "publisherId", "agc_nonsan-city", "pollIntervalSeconds", 600))
                .execute()
                .path("addFeed.errors").entityList(Object.class).hasSize(0)
                .path("addFeed.feed.title").entity(String.class).isEqualTo("논산시 보도자료 (데모)")
                .path("addFeed.feed.itemCount").entity(Integer.class).isEqualTo(15)
                .path("addFeed.feed.healthy").entity(Boolean.class).isEqualTo(true)
                .path("addFeed.feed.pollIntervalSeconds").entity(Integer.class).isEqualTo(600)
                .path("addFeed.feed.publisher.id").entity(String.class).isEqualTo("agc_nonsan-city")
                .path("addFeed.feed.id").entity(String.class).get();
        assertThat(server.hits("/add/press.rss")).as("registering fetches once").isEqualTo(1);

        anonymous().document("""
                        query($f: NewsFilter) { news(filter: $f, first: 50) { totalCount nodes { title mentions { text subject { ... on District { id } } } } } }""")
                .variable("f", Map.of("feedIds", List.of(feedId))).execute()
                .path("news.totalCount").entity(Long.class).isEqualTo(15L)
                .path("news.nodes[?(@.title =~ /.*통학로.*/)].mentions[*].subject.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).contains("dst_chwiam", "dst_buchang", "dst_yeonmu"));
        // a district filter reaches news of the feed through what it mentions, sub-districts included
        anonymous().document("query($f: NewsFilter) { news(filter: $f, first: 50) { nodes { id } } }")
                .variable("f", Map.of("feedIds", List.of(feedId), "districtIds", List.of("dst_nonsan"))).execute()
                .path("news.nodes").entityList(Object.class).hasSizeGreaterThan(5);
        as(Viewer.Role.STAFF).document("query($id: ID!) { node(id: $id) { ... on Feed { url } } }").variable("id", feedId).execute()
                .path("node.url").entity(String.class).isEqualTo(server.url("/add/press.rss"));
    }

    @Test
    void whatIsNotAFeedIsRefusedAndNothingIsRegistered() {
        server.route("/refuse/page.html", LocalHttpServer.ok("text/html", "<html><body>home</body></html>".getBytes(StandardCharsets.UTF_8)));
        long before = count("MATCH (f:Feed) RETURN count(f)", Map.of());
        as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", server.url("/refuse/page.html"))).execute()
                .path("addFeed.feed").valueIsNull()
                .path("addFeed.errors[0].field").entityList(String.class).containsExactly("input", "url")
                .path("addFeed.errors[0].code").entity(String.class).satisfies(c -> assertThat(c).isIn("NOT_A_FEED", "MALFORMED"))
                .path("addFeed.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains("feed"));
        as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", server.url("/refuse/missing.rss"))).execute()
                .path("addFeed.errors[0].code").entity(String.class).isEqualTo("HTTP_STATUS");
        as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", "ftp://example.org/feed")).execute()
                .path("addFeed.errors[0].code").entity(String.class).isEqualTo("INVALID_URL");
        // the cloud metadata address: link-local, refused by the SSRF guard before any connection
        as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", "http://169.254.169.254/latest/meta-data/")).execute()
                .path("addFeed.errors[0].code").entity(String.class).isEqualTo("BLOCKED_ADDRESS");
        as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", server.url("/refuse/page.html"), "pollIntervalSeconds", 5))
                .execute().path("addFeed.errors[0].code").entity(String.class).satisfies(c -> assertThat(c).isIn("NOT_A_FEED", "MALFORMED"));
        assertThat(count("MATCH (f:Feed) RETURN count(f)", Map.of())).isEqualTo(before);
    }

    @Test
    void onlyAdminsRegisterFeedsAndOnlyStaffSeeThem() {
        as(Viewer.Role.STAFF).document(ADD).variable("input", Map.of("url", server.url("/x.rss"))).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        anonymous().document("{ feeds { nodes { id } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
    }

    @Test
    void aBrokenFeedShowsItsErrorsAndRecovers() {
        var body = new AtomicReference<>(press);
        server.route("/broken/press.rss", exchange -> LocalHttpServer.send(exchange, 200, "application/rss+xml", body.get()));
        var feedId = as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", server.url("/broken/press.rss"))).execute()
                .path("addFeed.feed.id").entity(String.class).get();

        body.set("<rss version=\"2.0\"><channel><title>cut".getBytes(StandardCharsets.UTF_8));
        var refresh = "mutation($id: ID!) { refreshFeed(id: $id) { result { created error { kind message } } feed { consecutiveErrors healthy } } }";
        as(Viewer.Role.STAFF).document(refresh).variable("id", feedId).execute()
                .path("refreshFeed.result.error.kind").entity(String.class).isEqualTo("MALFORMED")
                .path("refreshFeed.feed.consecutiveErrors").entity(Integer.class).isEqualTo(1);
        as(Viewer.Role.STAFF).document("query($id: ID!) { feed(id: $id) { healthy itemCount lastError { kind } recentErrors(first: 3) { kind at } } }")
                .variable("id", feedId).execute()
                .path("feed.healthy").entity(Boolean.class).isEqualTo(false)
                .path("feed.itemCount").entity(Integer.class).isEqualTo(15)
                .path("feed.lastError.kind").entity(String.class).isEqualTo("MALFORMED")
                .path("feed.recentErrors[*].kind").entityList(String.class).containsExactly("MALFORMED");
        as(Viewer.Role.STAFF).document("{ feeds(filter: {failing: true}, first: 100) { nodes { id } } }").execute()
                .path("feeds.nodes[*].id").entityList(String.class).contains(feedId);

        body.set(press);
        as(Viewer.Role.STAFF).document(refresh).variable("id", feedId).execute()
                .path("refreshFeed.result.error").valueIsNull()
                .path("refreshFeed.result.created").entity(Integer.class).isEqualTo(0)
                .path("refreshFeed.feed.healthy").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void subscribersGetEachNewItemOnceItIsCommitted() throws Exception {
        var body = new AtomicReference<>(rss("첫 소식", 1));
        server.route("/live/news.rss", exchange -> LocalHttpServer.send(exchange, 200, "application/rss+xml", body.get()));
        var feedId = as(Viewer.Role.ADMIN).document(ADD).variable("input", Map.of("url", server.url("/live/news.rss"))).execute()
                .path("addFeed.feed.id").entity(String.class).get();

        var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient()).build();
        var events = new LinkedBlockingQueue<Map<String, Object>>();
        var subscription = client.document("""
                        subscription($f: NewsEventFilter, $after: Long) {
                          newsPublished(filter: $f, after: $after) { seq kind item { title mentions { subject { ... on District { id } } } } }
                        }""")
                .variable("f", Map.of("feedIds", List.of(feedId)))
                .variable("after", Outbox.latest(graph))
                .executeSubscription()
                .map(r -> r.field("newsPublished").toEntity(new ParameterizedTypeReference<Map<String, Object>>() { }))
                .subscribe(events::add, e -> events.add(Map.of("error", String.valueOf(e))));
        try {
            body.set(rss("강경읍에서 젓갈축제 개막", 2));
            as(Viewer.Role.STAFF).document("mutation($id: ID!) { refreshFeed(id: $id) { result { created } } }").variable("id", feedId)
                    .execute().path("refreshFeed.result.created").entity(Integer.class).isEqualTo(1);
            var event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s; stream at %d, outbox at %d", stream.position(), Outbox.latest(graph)).isNotNull();
            assertThat(event.get("kind")).isEqualTo("PUBLISHED");
            assertThat(event.toString()).contains("강경읍에서 젓갈축제 개막", "dst_ganggyeong");
            assertThat(events.poll(500, TimeUnit.MILLISECONDS)).as("the first item was published before we subscribed").isNull();
        } finally {
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void theFeedListMovesInAndOutAsOpml() {
        var opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>from another hub</title></head><body>
                  <outline text="Local">
                    <outline type="rss" text="OPML 1" xmlUrl="%s" language="ko"/>
                    <outline type="rss" text="bad" xmlUrl="gopher://old.example.org/feed"/>
                  </outline>
                  <outline type="rss" text="OPML 2" xmlUrl="%s"/>
                </body></opml>""".formatted(server.url("/opml/1.rss"), server.url("/opml/2.rss"));
        var entries = as(Viewer.Role.ADMIN).document("""
                        mutation($o: String!) { importOpml(opml: $o) { added entries { url status message feed { id title } } errors { code } } }""")
                .variable("o", opml).execute()
                .path("importOpml.added").entity(Integer.class).isEqualTo(2)
                .path("importOpml.entries[*].status").entityList(String.class).containsExactly("ADDED", "REFUSED", "ADDED")
                .path("importOpml.entries[0].feed.title").entity(String.class).isEqualTo("OPML 1")
                .path("importOpml.entries[0].feed.id").entity(String.class).get();
        as(Viewer.Role.ADMIN).document("mutation($o: String!) { importOpml(opml: $o) { added entries { status } } }")
                .variable("o", opml).execute()
                .path("importOpml.added").entity(Integer.class).isEqualTo(0)
                .path("importOpml.entries[*].status").entityList(String.class).containsExactly("SKIPPED", "REFUSED", "SKIPPED");
        as(Viewer.Role.ADMIN).document("mutation { importOpml(opml: \"<rss version='2.0'/>\") { errors { code } } }").execute()
                .path("importOpml.errors[0].code").entity(String.class).isEqualTo("INVALID_OPML");

        as(Viewer.Role.STAFF).document("{ feedsOpml }").execute()
                .path("feedsOpml").entity(String.class).satisfies(doc -> assertThat(doc).contains("<opml", server.url("/opml/1.rss")));

        as(Viewer.Role.ADMIN).document("mutation($i: UpdateFeedInput!) { updateFeed(input: $i) { feed { enabled pollIntervalSeconds } errors { code } } }")
                .variable("i", Map.of("id", entries, "enabled", false, "pollIntervalSeconds", 3600)).execute()
                .path("updateFeed.feed.enabled").entity(Boolean.class).isEqualTo(false)
                .path("updateFeed.feed.pollIntervalSeconds").entity(Integer.class).isEqualTo(3600);
        as(Viewer.Role.ADMIN).document("mutation($i: UpdateFeedInput!) { updateFeed(input: $i) { feed { id } errors { code } } }")
                .variable("i", Map.of("id", entries, "pollIntervalSeconds", 10)).execute()
                .path("updateFeed.errors[0].code").entity(String.class).isEqualTo("OUT_OF_RANGE");
        as(Viewer.Role.ADMIN).document("mutation($id: ID!) { removeFeed(id: $id) { removedId errors { code } } }").variable("id", entries)
                .execute().path("removeFeed.removedId").entity(String.class).isEqualTo(entries);
        as(Viewer.Role.ADMIN).document("mutation($id: ID!) { removeFeed(id: $id) { removedId errors { code } } }").variable("id", entries)
                .execute().path("removeFeed.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
    }

    private static byte[] rss(String title, int items) {
        var xml = new StringBuilder("<rss version=\"2.0\"><channel><title>live</title>");
        for (int i = 1; i <= items; i++) {
            xml.append("<item><guid>live-").append(i).append("</guid><title>")
                    .append(i == items ? title : "소식 " + i).append("</title></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
