package org.citygraph.feeds.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citygraph.feeds.support.LocalHttpServer.ok;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.FetchFailure;
import org.citygraph.feeds.fetch.FetchSettings;
import org.citygraph.feeds.fetch.HttpFetcher;
import org.citygraph.feeds.fetch.NetworkPolicy;
import org.citygraph.feeds.link.LiveLinker;
import org.citygraph.feeds.parse.FeedParseFailure;
import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.news.NewsWrites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One poll end to end: a real local HTTP server, the real parser and linker, the real graph. */
class FeedIngestorTest {

    static final FetchSettings FAST = new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3),
            1024 * 1024, 3, "CityGraph-test");
    static final byte[] PRESS = demo("nonsan-press.rss");
    static final byte[] POLICE = demo("nonsan-police.rss");

    static LocalHttpServer server;
    static HttpFetcher http;
    static Graph graph;
    static Feeds feeds;
    static LiveLinker linker;

    final List<GraphEvent> published = new CopyOnWriteArrayList<>();
    FeedIngestor ingestor;

    @BeforeAll
    static void start() {
        server = new LocalHttpServer();
        http = new HttpFetcher(FAST, new NetworkPolicy(List.of(NetworkPolicy.Cidr.parse("127.0.0.1/32"))));
        graph = TestGraph.graph();
        feeds = new Feeds(graph);
        linker = new LiveLinker(graph);
        linker.reload();
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    @BeforeEach
    void ingestor() {
        ingestor = new FeedIngestor(new FeedFetcher(http, List.of("demo-feeds")), feeds, new NewsWrites(graph), linker,
                published::addAll, FeedIngestor.Settings.DEFAULTS);
    }

    @Test
    void aFeedIsStoredLinkedAndPublishedAndA304CostsNothing() {
        server.route("/press.rss", LocalHttpServer.withEtag("application/rss+xml; charset=utf-8", PRESS, "\"v1\""));
        var feed = register("/press.rss");

        var first = ingestor.poll(feed);

        assertThat(first.failed()).isFalse();
        assertThat(first.created()).isEqualTo(15);
        assertThat(itemCount(feed)).isEqualTo(15);
        assertThat(published).hasSize(15).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.NEWS_PUBLISHED));
        assertThat(first.feed().etag()).isEqualTo("\"v1\"");
        assertThat(first.feed().title()).isEqualTo("논산시 보도자료 (데모)");
        // "취암동·부창동·연무읍 초등학교 주변" names three districts
        assertThat(mentionedBy(feed, "새 학기 어린이 통학로")).contains("dst_chwiam", "dst_buchang", "dst_yeonmu");

        var second = ingestor.poll(first.feed());

        assertThat(second.notModified()).isTrue();
        assertThat(second.feed().lastSuccessAt()).isAfterOrEqualTo(first.feed().lastSuccessAt());
        assertThat(published).hasSize(15);
        assertThat(itemCount(feed)).isEqualTo(15);
    }

    @Test
    void pollingTheSameFeedAHundredTimesLeavesNoDuplicate() {
        server.route("/press-no-etag.rss", ok("application/rss+xml", PRESS));
        var feed = register("/press-no-etag.rss");
        for (int i = 0; i < 100; i++) {
            feed = ingestor.poll(feed).feed();
        }
        assertThat(itemCount(feed)).isEqualTo(15);
        assertThat(published).hasSize(15);
        var id = feed.id();
        long duplicated = graph.read(tx -> tx.run("""
                MATCH (n:NewsItem)-[:FROM_FEED]->(:Feed {id: $id})
                WITH n.guid AS guid, count(*) AS copies WHERE copies > 1 RETURN count(*) AS c""",
                Map.of("id", id)).single().get("c").asLong());
        assertThat(duplicated).isZero();
    }

    @Test
    void anEntryChangedAtTheSourceIsUpdatedInPlace() {
        var body = new AtomicReference<>(PRESS);
        server.route("/press-changing.rss", exchange -> LocalHttpServer.send(exchange, 200, "application/rss+xml", body.get()));
        var feed = register("/press-changing.rss");
        feed = ingestor.poll(feed).feed();
        var idBefore = idOfTitle(feed, "달빛어린이병원");
        published.clear();

        body.set(new String(PRESS, StandardCharsets.UTF_8).replace("달빛어린이병원 1곳 추가 지정", "달빛어린이병원 2곳 추가 지정")
                .getBytes(StandardCharsets.UTF_8));
        var outcome = ingestor.poll(feed);

        assertThat(outcome.updated()).isEqualTo(1);
        assertThat(outcome.created()).isZero();
        assertThat(itemCount(feed)).isEqualTo(15);
        assertThat(idOfTitle(feed, "2곳 추가 지정")).isEqualTo(idBefore);
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.NEWS_UPDATED);
            assertThat(e.subjectId()).isEqualTo(idBefore);
        });
    }

    @Test
    void aBrokenFeedRecordsItsErrorStoresNothingAndRecoversByItself() {
        var body = new AtomicReference<>(new String(PRESS, StandardCharsets.UTF_8).substring(0, 3000).getBytes(StandardCharsets.UTF_8));
        server.route("/broken.rss", exchange -> LocalHttpServer.send(exchange, 200, "application/rss+xml", body.get()));
        var feed = register("/broken.rss");

        var failed = ingestor.poll(feed);
        var failedAgain = ingestor.poll(failed.feed());

        assertThat(failedAgain.errorKind()).isEqualTo("MALFORMED");
        assertThat(failedAgain.feed().consecutiveErrors()).isEqualTo(2);
        assertThat(failedAgain.feed().lastErrorMessage()).contains("not well-formed");
        assertThat(itemCount(feed)).isZero();
        assertThat(published).isEmpty();
        assertThat(feeds.errors(List.of(feed.id())).get(feed.id())).hasSize(2);
        // two failures: the next poll waits about four intervals (give or take the jitter)
        var wait = Duration.between(failedAgain.feed().lastFetchAt(), failedAgain.feed().nextPollAt());
        assertThat(wait).isBetween(Duration.ofMinutes(15 * 4).multipliedBy(9).dividedBy(10),
                Duration.ofMinutes(15 * 4).multipliedBy(11).dividedBy(10));

        body.set(PRESS);
        var recovered = ingestor.poll(failedAgain.feed());

        assertThat(recovered.failed()).isFalse();
        assertThat(recovered.feed().consecutiveErrors()).isZero();
        assertThat(recovered.feed().lastErrorKind()).isNull();
        assertThat(itemCount(feed)).isEqualTo(15);
    }

    @Test
    void duplicateGuidsInOneDocumentAreStoredOnce() {
        var rss = """
                <rss version="2.0"><channel><title>dup</title>
                <item><guid>same-1</guid><title>강경읍 첫 번째</title></item>
                <item><guid>same-1</guid><title>강경읍 두 번째</title></item>
                <item><guid>other-2</guid><title>연무읍 세 번째</title></item>
                </channel></rss>""";
        server.route("/dup.rss", ok("application/rss+xml", rss.getBytes(StandardCharsets.UTF_8)));
        var feed = register("/dup.rss");
        var outcome = ingestor.poll(feed);
        assertThat(outcome.created()).isEqualTo(2);
        assertThat(itemCount(feed)).isEqualTo(2);
    }

    @Test
    void anEucKrFeedServedWithoutACharsetIsStoredAsKorean() {
        server.route("/police.rss", ok("application/rss+xml", POLICE));
        var feed = register("/police.rss");
        ingestor.poll(feed);
        var titles = graph.read(tx -> tx.run("MATCH (n:NewsItem)-[:FROM_FEED]->(:Feed {id: $id}) RETURN n.title AS t",
                Map.of("id", feed.id())).list(r -> r.get("t").asString()));
        assertThat(titles).hasSize(10).allSatisfy(t -> assertThat(t).matches(".*[가-힣].*").doesNotContain("\uFFFD"));
    }

    @Test
    void aProbeRefusesWhatIsNotAFeed() {
        server.route("/page.html", ok("text/html", "<html><body><p>home page</p></body></html>".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ingestor.probe(server.url("/page.html")))
                .isInstanceOf(FeedParseFailure.class).hasMessageContaining("not");
        assertThatThrownBy(() -> ingestor.probe(server.url("/missing.rss")))
                .isInstanceOfSatisfying(FetchFailure.class, e -> assertThat(e.getMessage()).contains("404"));
    }

    @Test
    void theDefaultPolicyRefusesAFeedOnThisMachineAndSaysWhy() {
        server.route("/internal.rss", ok("application/rss+xml", PRESS));
        try (var guarded = new HttpFetcher(FAST, NetworkPolicy.publicOnly())) {
            var strict = new FeedIngestor(new FeedFetcher(guarded, List.of()), feeds, new NewsWrites(graph), linker,
                    published::addAll, FeedIngestor.Settings.DEFAULTS);
            var feed = register("/internal.rss");
            var outcome = strict.poll(feed);
            assertThat(outcome.errorKind()).isEqualTo("BLOCKED_ADDRESS");
            assertThat(server.hits("/internal.rss")).isZero();
            assertThat(itemCount(feed)).isZero();
        }
    }

    @Test
    void classpathFeedsAreLimitedToTheirFolder() {
        var feed = feeds.create(new FeedDraft("classpath:demo-feeds/../logback-test.xml", null, null, null, true, null));
        assertThat(ingestor.poll(feed).errorKind()).isEqualTo("INVALID_URL");
        var demo = feeds.create(new FeedDraft("classpath:demo-feeds/chungnam-news.atom", null, null, null, true, null));
        assertThat(ingestor.poll(demo).created()).isEqualTo(12);
    }

    private Feed register(String path) {
        return feeds.create(new FeedDraft(server.url(path), null, null, null, true, null));
    }

    private static long itemCount(Feed feed) {
        return graph.read(tx -> tx.run("MATCH (n:NewsItem)-[:FROM_FEED]->(:Feed {id: $id}) RETURN count(n) AS c",
                Map.of("id", feed.id())).single().get("c").asLong());
    }

    private static String idOfTitle(Feed feed, String words) {
        return graph.read(tx -> tx.run("""
                MATCH (n:NewsItem)-[:FROM_FEED]->(:Feed {id: $id}) WHERE n.title CONTAINS $words RETURN n.id AS id""",
                Map.of("id", feed.id(), "words", words)).single().get("id").asString());
    }

    private static List<String> mentionedBy(Feed feed, String words) {
        return graph.read(tx -> tx.run("""
                MATCH (n:NewsItem)-[:FROM_FEED]->(:Feed {id: $id}) WHERE n.title CONTAINS $words
                MATCH (n)-[:MENTIONS]->(t) RETURN t.id AS id""",
                Map.of("id", feed.id(), "words", words)).list(r -> r.get("id").asString()));
    }

    private static byte[] demo(String name) {
        try {
            return Files.readAllBytes(Path.of("src/main/resources/demo-feeds", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
