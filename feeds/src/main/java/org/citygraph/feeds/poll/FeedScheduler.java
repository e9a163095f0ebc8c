package org.citygraph.feeds.poll;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.graph.feed.Feeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every enabled feed on its own schedule. Every {@code tick} it claims due feeds (as many as
 * free workers) and hands each to a bounded pool, so a slow or broken feed occupies one worker for
 * at most the fetch timeout and never delays the others. The claim is a lease in the graph: a feed
 * claimed here is not claimed by another instance, and if this one dies the lease expires.
 */
public final class FeedScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);

    /**
     * @param concurrency how many feeds are fetched at once
     * @param tick        how often due feeds are looked for
     * @param lease       how long a claimed feed is reserved for this instance
     */
    public record Settings(int concurrency, Duration tick, Duration lease) {
        public static final Settings DEFAULTS = new Settings(8, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    private final Feeds feeds;
    private final FeedIngestor ingestor;
    private final Settings settings;
    private final Semaphore free;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final AtomicInteger polls = new AtomicInteger();

    public FeedScheduler(Feeds feeds, FeedIngestor ingestor, Settings settings) {
        this.feeds = feeds;
        this.ingestor = ingestor;
        this.settings = settings;
        this.free = new Semaphore(settings.concurrency());
        var counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            var thread = new Thread(r, "feed-poller-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "feed-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Feed polling started with {} workers", settings.concurrency());
    }

    /** Polls completed since start, for monitoring and tests. */
    public int polls() {
        return polls.get();
    }

    void tick() {
        try {
            int slots = free.availablePermits();
            if (slots == 0) {
                return;
            }
            var now = OffsetDateTime.now();
            for (var feed : feeds.claimDue(now, slots, now.plus(settings.lease()))) {
                free.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        ingestor.poll(feed);
                    } catch (RuntimeException e) {
                        LOG.warn("Polling {} failed", feed.id(), e);
                    } finally {
                        polls.incrementAndGet();
                        free.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for due feeds failed; trying again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
