package org.citygraph.api.webhook;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.citygraph.api.event.EventStream;
import org.citygraph.feeds.fetch.FetchFailure;
import org.citygraph.feeds.fetch.FetchSettings;
import org.citygraph.feeds.fetch.HttpFetcher;
import org.citygraph.feeds.fetch.NetworkPolicy;
import org.citygraph.graph.Graph;
import org.citygraph.graph.event.Outbox;
import org.citygraph.graph.webhook.Webhook;
import org.citygraph.graph.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;

/**
 * Sends each webhook the events after its cursor, in order, one POST per event, signed. The cursor
 * moves past an event once the receiver answered 2xx (or when the webhook does not receive it), so
 * delivery is at least once: a receiver deduplicates by the delivery id. A failure stops that
 * webhook's delivery until a retry, after a wait that doubles with each failure; after
 * {@code maxFailures} in a row the webhook is disabled, visibly. Other webhooks go on meanwhile.
 */
@Component
class WebhookDispatcher implements SmartLifecycle, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int PAGE = 100;
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** With no event and no retry due, the graph is still checked this often (webhooks changed by another instance). */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

    /** What a test delivery got back. */
    record Attempt(boolean ok, Integer status, String error, long millis) {
    }

    private final Webhooks webhooks;
    private final WebhookPayloads payloads;
    private final Graph graph;
    private final WebhookProperties properties;
    private final HttpFetcher http;
    private final Semaphore free;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final EventStream stream;
    /** When the next look at the graph is due (System.nanoTime); events and retries bring it forward. */
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile ScheduledExecutorService ticker;
    private ExecutorService workers;
    private Disposable wakeups;
    private volatile boolean running;

    WebhookDispatcher(Webhooks webhooks, WebhookPayloads payloads, EventStream stream, Graph graph, WebhookProperties properties) {
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.stream = stream;
        this.graph = graph;
        this.properties = properties;
        var settings = new FetchSettings(properties.timeout(), properties.timeout(), properties.timeout(), 64 * 1024, 0,
                "CityGraph-Webhook/0.1");
        this.http = new HttpFetcher(settings, new NetworkPolicy(properties.allowedNetworks().stream().map(NetworkPolicy.Cidr::parse).toList()));
        this.free = new Semaphore(properties.concurrency());
    }

    @Override
    public void start() {
        running = true;
        if (!properties.delivery()) {
            LOG.info("Webhook delivery is off (citygraph.webhooks.delivery=false); events wait at each webhook's cursor");
            return;
        }
        var counter = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.concurrency(), r -> daemon(r, "webhook-" + counter.incrementAndGet()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-dispatcher"));
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        // a committed event (of this instance or, through the outbox, of another) wakes the dispatcher at once
        wakeups = stream.from(null).subscribe(e -> wake(), e -> LOG.warn("Webhook wake-ups stopped: {}", e.getMessage()));
    }

    /** Looks for work now: an event was committed, or a webhook was registered or enabled. */
    void wake() {
        nextCheck.set(0);
        var current = ticker;
        if (current != null && wakeScheduled.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeScheduled.set(false);
                    tick();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeScheduled.set(false);
            }
        }
    }

    private void checkBy(OffsetDateTime when) {
        long at = System.nanoTime() + Math.max(0, Duration.between(OffsetDateTime.now(), when).toNanos());
        nextCheck.accumulateAndGet(at, Math::min);
    }

    @Override
    public void stop() {
        running = false;
        if (wakeups != null) {
            wakeups.dispose();
        }
        if (ticker != null) {
            ticker.shutdownNow();
            workers.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public void destroy() {
        http.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void tick() {
        try {
            int slots = free.availablePermits();
            if (slots == 0 || System.nanoTime() < nextCheck.get()) {
                return;
            }
            nextCheck.set(System.nanoTime() + IDLE_CHECK.toNanos());
            var now = OffsetDateTime.now();
            long latest = Outbox.latest(graph);
            var claimed = webhooks.claimDue(now, latest, slots, now.plus(LEASE));
            if (claimed.size() == slots) {
                nextCheck.set(0); // maybe more are due
            } else {
                webhooks.earliestAttempt(latest).ifPresent(this::checkBy); // a retry waiting for its time
            }
            for (var webhook : claimed) {
                free.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        deliver(webhook);
                    } catch (RuntimeException e) {
                        LOG.warn("Delivering to webhook {} failed unexpectedly", webhook.id(), e);
                    } finally {
                        free.release();
                        checkBy(OffsetDateTime.now()); // a webhook left behind (say, by the page size) is taken up again
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for webhooks with events to send failed; trying again: {}", e.getMessage());
        }
    }

    /** Sends the webhook what it has not received yet, until it is caught up or a delivery fails. */
    void deliver(Webhook webhook) {
        var secret = webhooks.secret(webhook.id()).orElseThrow();
        long cursor = webhook.cursor();
        OffsetDateTime deliveredAt = null;
        while (true) {
            var events = Outbox.since(graph, cursor, PAGE);
            for (var event : events) {
                var body = payloads.payload(webhook, event);
                if (body.isPresent()) {
                    var failure = post(webhook, secret, body.get(), event.seq(), event.kind().name());
                    if (failure != null) {
                        int failures = webhook.consecutiveFailures() + 1;
                        var retryAt = OffsetDateTime.now().plus(backoff(failures));
                        var after = webhooks.recordFailure(webhook.id(), cursor, OffsetDateTime.now(), failure, retryAt,
                                properties.maxFailures());
                        if (after.enabled()) {
                            checkBy(retryAt);
                        }
                        if (!after.enabled()) {
                            LOG.warn("Webhook {} ({}) disabled: {}", webhook.id(), webhook.url(), after.disabledReason());
                        } else if (webhook.consecutiveFailures() == 0) {
                            LOG.warn("Webhook {} ({}) failed, retrying with backoff: {}", webhook.id(), webhook.url(), failure);
                        }
                        return;
                    }
                    deliveredAt = OffsetDateTime.now();
                }
                cursor = event.seq();
            }
            if (events.size() < PAGE) {
                break;
            }
        }
        if (deliveredAt != null && webhook.consecutiveFailures() > 0) {
            LOG.info("Webhook {} ({}) delivers again after {} failures", webhook.id(), webhook.url(), webhook.consecutiveFailures());
        }
        webhooks.recordProgress(webhook.id(), cursor, deliveredAt, OffsetDateTime.now());
    }

    /** Sends a test event now, outside the sequence; changes nothing. */
    Attempt test(Webhook webhook) {
        var secret = webhooks.secret(webhook.id()).orElseThrow();
        long start = System.nanoTime();
        try {
            var body = payloads.ping(webhook);
            var result = http.postJson(webhook.url(), body, headers(webhook, secret, body, null, "PING"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            boolean ok = result.status() >= 200 && result.status() < 300;
            return new Attempt(ok, result.status(), ok ? null : "HTTP " + result.status(), millis);
        } catch (FetchFailure e) {
            return new Attempt(false, null, e.kind() + ": " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Null when the receiver acknowledged the event, else why not. */
    private String post(Webhook webhook, String secret, byte[] body, long seq, String kind) {
        try {
            var result = http.postJson(webhook.url(), body, headers(webhook, secret, body, seq, kind));
            if (result.status() >= 200 && result.status() < 300) {
                return null;
            }
            return "HTTP " + result.status() + " for event " + seq;
        } catch (FetchFailure e) {
            return e.kind() + ": " + e.getMessage();
        }
    }

    private static java.util.Map<String, String> headers(Webhook webhook, String secret, byte[] body, Long seq, String kind) {
        var headers = new LinkedHashMap<String, String>();
        var deliveryId = WebhookPayloads.deliveryId(webhook, seq);
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, System.currentTimeMillis() / 1000, body));
        headers.put("X-CityGraph-Delivery", deliveryId);
        headers.put("Idempotency-Key", deliveryId);
        headers.put("X-CityGraph-Event", kind);
        if (seq != null) {
            headers.put("X-CityGraph-Sequence", Long.toString(seq));
        }
        return headers;
    }

    /** firstRetry, doubled for each further failure, capped, give or take a tenth. */
    Duration backoff(int failures) {
        var wait = properties.firstRetry();
        for (int i = 1; i < failures && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(properties.maxBackoff()) > 0) {
            wait = properties.maxBackoff();
        }
        long millis = wait.toMillis();
        long spread = millis / 10;
        return Duration.ofMillis(millis + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1)));
    }

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
