package org.citygraph.graph.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.GraphEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit of news: feeds written together land as if each were written alone, and fail alone. */
class NewsWritesTest {

    private final Graph graph = TestGraph.graph();
    private final NewsWrites news = new NewsWrites(graph);
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final String run = "nw" + System.nanoTime();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        graph.write(tx -> tx.run("MATCH (n:NewsItem) WHERE n.dedupeKey STARTS WITH $run DETACH DELETE n", Map.of("run", run)).consume());
    }

    @Test
    void concurrentFeedsAllLandWithTheirOwnOutcomesAndGaplessEvents() throws Exception {
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Written<NewsWrites.Outcome>>>();
        for (int f = 0; f < 16; f++) {
            var feed = run + "-feed-" + f;
            results.add(pool.submit(() -> {
                start.await();
                return news.upsert(Viewer.SYSTEM, feed, drafts(feed, 10));
            }));
        }
        start.countDown();

        var seqs = new ArrayList<Long>();
        for (int f = 0; f < 16; f++) {
            var feed = run + "-feed-" + f;
            var written = results.get(f).get(60, TimeUnit.SECONDS);
            assertThat(written.value()).isEqualTo(new NewsWrites.Outcome(10, 0, 0));
            assertThat(written.events()).hasSize(10).allSatisfy(e -> assertThat(e.relatedIds()).containsExactly(feed));
            written.events().stream().map(GraphEvent::seq).forEach(seqs::add);
        }
        assertThat(stored(run)).isEqualTo(160);
        // every event has its own number, and none is missing between the first and the last
        assertThat(seqs).doesNotHaveDuplicates();
        assertThat(seqs.stream().mapToLong(Long::longValue).max().getAsLong()
                - seqs.stream().mapToLong(Long::longValue).min().getAsLong()).isEqualTo(159);

        // the same items again: nothing new, nothing changed, no events
        var again = news.upsert(Viewer.SYSTEM, run + "-feed-3", drafts(run + "-feed-3", 10));
        assertThat(again.value()).isEqualTo(new NewsWrites.Outcome(0, 0, 10));
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aFeedThatFailsInASharedTransactionCostsTheOthersNothing() throws Exception {
        // The first writer holds the lock inside its transaction until three more feeds wait behind it;
        // those three are then written in one transaction, and the second of them fails.
        var firstInside = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        var first = pool.submit(() -> news.upsert(Viewer.SYSTEM, run + "-first", drafts(run + "-first", 2), tx -> {
            firstInside.countDown();
            try {
                releaseFirst.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();

        var good1Attempts = new AtomicInteger();
        var good1 = pool.submit(() -> news.upsert(Viewer.SYSTEM, run + "-good1", drafts(run + "-good1", 3),
                tx -> good1Attempts.incrementAndGet()));
        awaitWaiting(1);
        var bad = pool.submit(() -> news.upsert(Viewer.SYSTEM, run + "-bad", drafts(run + "-bad", 3), tx -> {
            throw new IllegalArgumentException("this feed's state cannot be recorded");
        }));
        awaitWaiting(2);
        var good2 = pool.submit(() -> news.upsert(Viewer.SYSTEM, run + "-good2", drafts(run + "-good2", 3), tx -> { }));
        awaitWaiting(3);
        releaseFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).value().created()).isEqualTo(2);
        assertThat(good1.get(30, TimeUnit.SECONDS).value().created()).isEqualTo(3);
        assertThat(good2.get(30, TimeUnit.SECONDS).value().created()).isEqualTo(3);
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("this feed's state cannot be recorded");
        // good1 ran in the shared transaction that failed, then alone
        assertThat(good1Attempts.get()).isEqualTo(2);
        assertThat(stored(run + "-good")).isEqualTo(6);
        assertThat(stored(run + "-bad")).isZero();
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (news.waitingCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(news.waitingCount()).isEqualTo(count);
    }

    private long stored(String prefix) {
        return graph.read(tx -> tx.run("MATCH (n:NewsItem) WHERE n.dedupeKey STARTS WITH $p RETURN count(n) AS c",
                Map.of("p", prefix)).single().get("c").asLong());
    }

    private static List<NewsItemDraft> drafts(String feed, int count) {
        var drafts = new ArrayList<NewsItemDraft>();
        var at = OffsetDateTime.parse("2026-11-01T09:00:00+09:00");
        for (int i = 0; i < count; i++) {
            var key = feed + "-" + i;
            drafts.add(new NewsItemDraft(key, key, "https://news.example/" + key, "제목 " + key, "요약 " + key, "<p>요약</p>",
                    at.plusMinutes(i), false, "ko", feed, "hash-" + key, List.of()));
        }
        return drafts;
    }
}
