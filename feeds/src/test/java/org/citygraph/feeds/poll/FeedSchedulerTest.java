package org.citygraph.feeds.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.FetchSettings;
import org.citygraph.feeds.fetch.HttpFetcher;
import org.citygraph.feeds.fetch.NetworkPolicy;
import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.feeds.ingest.Mentions;
import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.news.NewsWrites;
import org.junit.jupiter.api.Test;

/** The scheduler with a hanging and a broken feed among healthy ones. */
class FeedSchedulerTest {

    @Test
    void hangingAndBrokenFeedsNeverHoldUpTheHealthyOnes() throws Exception {
        var graph = TestGraph.graph();
        var feeds = new Feeds(graph);
        // only this test's feeds are due: park everything else far in the future
        graph.write(tx -> tx.run("MATCH (f:Feed) SET f.enabled = false").consume());
        var settings = new FetchSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 1024 * 1024, 3, "t");
        try (var server = new LocalHttpServer();
             var http = new HttpFetcher(settings, new NetworkPolicy(List.of(NetworkPolicy.Cidr.parse("127.0.0.1/32"))))) {
            server.route("/hang.rss", LocalHttpServer.slow(60_000, "application/rss+xml", new byte[0]));
            server.route("/broken.rss", LocalHttpServer.status(500));
            var broken = feeds.create(new FeedDraft(server.url("/broken.rss"), "broken", null, null, true, null));
            var hanging = new ArrayList<Feed>();
            for (int i = 0; i < 3; i++) {
                hanging.add(feeds.create(new FeedDraft(server.url("/hang.rss?" + i), "hanging " + i, null, null, true, null)));
            }
            var healthy = new ArrayList<Feed>();
            for (int i = 0; i < 6; i++) {
                var rss = """
                        <rss version="2.0"><channel><title>healthy %d</title>
                        <item><guid>h-%d</guid><title>강경읍 소식 %d</title></item></channel></rss>""".formatted(i, i, i);
                server.route("/healthy-" + i + ".rss", LocalHttpServer.ok("application/rss+xml", rss.getBytes(StandardCharsets.UTF_8)));
                healthy.add(feeds.create(new FeedDraft(server.url("/healthy-" + i + ".rss"), "healthy " + i, null, null, true, null)));
            }
            var ingestor = new FeedIngestor(new FeedFetcher(http, List.of()), feeds, new NewsWrites(graph), Mentions.NONE,
                    events -> { }, FeedIngestor.Settings.DEFAULTS);
            var started = OffsetDateTime.now();

            // three workers, three of them stuck on hanging feeds at first: the others must still get through
            try (var scheduler = new FeedScheduler(feeds, ingestor, new FeedScheduler.Settings(3, Duration.ofMillis(50), Duration.ofMinutes(5)))) {
                scheduler.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline && !allPolled(feeds, healthy, hanging, broken)) {
                    Thread.sleep(100);
                }
            }

            // the healthy feeds did not wait for the hanging ones to time out one after another
            var healthyDone = feeds.byIds(healthy.stream().map(Feed::id).toList()).stream()
                    .map(Feed::lastSuccessAt).max(OffsetDateTime::compareTo).orElseThrow();
            assertThat(Duration.between(started, healthyDone)).isLessThan(Duration.ofSeconds(6));
            for (var feed : feeds.byIds(healthy.stream().map(Feed::id).toList())) {
                assertThat(feed.lastSuccessAt()).as(feed.title()).isAfter(started);
                assertThat(feed.itemCount()).isEqualTo(1);
                assertThat(feed.nextPollAt()).isAfter(OffsetDateTime.now().plusMinutes(10));
            }
            var failed = feeds.byId(broken.id()).orElseThrow();
            assertThat(failed.lastErrorKind()).isEqualTo("HTTP_STATUS");
            assertThat(failed.consecutiveErrors()).isEqualTo(1);
            for (var feed : feeds.byIds(hanging.stream().map(Feed::id).toList())) {
                assertThat(feed.lastErrorKind()).isEqualTo("TIMEOUT");
            }
            // each feed polled once: the next poll waits for its interval, not for the next tick
            assertThat(server.hits("/broken.rss")).isEqualTo(1);
        }
    }

    private static boolean allPolled(Feeds feeds, List<Feed> healthy, List<Feed> hanging, Feed broken) {
        var ids = new ArrayList<>(healthy.stream().map(Feed::id).toList());
        hanging.forEach(f -> ids.add(f.id()));
        ids.add(broken.id());
        return feeds.byIds(ids).stream().allMatch(f -> f.lastFetchAt() != null);
    }
}
