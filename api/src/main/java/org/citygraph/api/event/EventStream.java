package org.citygraph.api.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.citygraph.graph.Graph;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.event.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * The committed events of the whole hub, in sequence order, without gaps: what subscriptions and
 * webhooks consume. Events arrive from this instance's writes through the {@link EventBus} and,
 * for writes of other instances or events whose publication was lost, from the outbox, which is
 * read every {@code pollInterval} and whenever a sequence number is missing for longer than
 * {@code gapWait}. A subscriber that resumes from sequence n gets n + 1 onwards: from memory when
 * recent, else from the outbox, then the live stream, with no gap and no duplicate.
 */
@Component
public class EventStream implements SmartLifecycle {

    /** Resuming from before the replay window: the client must reload its state instead. */
    public static class ReplayWindowExceeded extends RuntimeException {
        public ReplayWindowExceeded(long after, long oldest) {
            super("Events after " + after + " are no longer kept; the oldest kept is " + oldest
                    + ". Reload the current state and subscribe again without 'after'.");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int PAGE = 1000;

    private final Graph graph;
    private final RealtimeProperties properties;
    private final List<Listener> listeners = new ArrayList<>();
    private final TreeMap<Long, GraphEvent> pending = new TreeMap<>();
    private final ArrayDeque<GraphEvent> recent = new ArrayDeque<>();
    /** Made at each start: a stopped lifecycle may be started again (a paused test context, for one). */
    private ScheduledExecutorService poller;
    private long delivered = -1;
    private long gapSince;
    private volatile long lastPoll = System.nanoTime();
    private volatile boolean running;

    public EventStream(Graph graph, RealtimeProperties properties, EventBus bus) {
        this.graph = graph;
        this.properties = properties;
        bus.events().subscribe(this::accept);
    }

    @Override
    public void start() {
        synchronized (this) {
            delivered = Outbox.latest(graph);
        }
        running = true;
        var tick = Math.max(10, Math.min(properties.pollInterval().toMillis(), properties.gapWait().toMillis()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "event-stream");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, tick, tick, TimeUnit.MILLISECONDS);
        LOG.info("Event stream started at sequence {}", delivered);
    }

    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The sequence number of the newest event delivered so far. */
    public synchronized long position() {
        return delivered;
    }

    /**
     * The events after {@code after} (every kept one up to now, then live ones), or only live ones
     * when {@code after} is {@code null}. A subscriber that falls more than
     * {@code bufferPerSubscription} events behind gets {@link SlowSubscriber}.
     */
    public Flux<GraphEvent> from(Long after) {
        return Flux.<GraphEvent>create(emitter -> {
            var listener = new Listener(emitter);
            List<GraphEvent> kept;
            long cut;
            synchronized (this) {
                listeners.add(listener);
                cut = delivered;
                kept = after == null || after >= cut ? List.of() : recentAfter(after);
            }
            emitter.onDispose(() -> {
                synchronized (this) {
                    listeners.remove(listener);
                }
            });
            if (kept != null) {
                kept.forEach(emitter::next);
                listener.replayed(cut);
                return;
            }
            // Older than memory: read the outbox up to the cut, off the caller's thread.
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    replayFromOutbox(after, cut, emitter);
                    listener.replayed(cut);
                } catch (RuntimeException e) {
                    emitter.error(e);
                }
            });
        }).onBackpressureBuffer(properties.bufferPerSubscription(), dropped -> {
        }, BufferOverflowStrategy.ERROR).onErrorMap(Exceptions::isOverflow, e -> new SlowSubscriber());
    }

    /** A subscriber fell too far behind; it should reconnect and resume from the last sequence it saw. */
    public static class SlowSubscriber extends RuntimeException {
        public SlowSubscriber() {
            super("Too many undelivered events: reconnect and resume with the last sequence number you received.");
        }
    }

    /** One subscriber: live events wait while its replay runs, then flow straight through. */
    private final class Listener {
        private final FluxSink<GraphEvent> emitter;
        private final List<GraphEvent> held = new ArrayList<>();
        private boolean replaying = true;
        private long cut;

        Listener(FluxSink<GraphEvent> emitter) {
            this.emitter = emitter;
        }

        synchronized void live(GraphEvent event) {
            if (replaying) {
                if (held.size() >= properties.bufferPerSubscription()) {
                    emitter.error(new SlowSubscriber());
                    return;
                }
                held.add(event);
            } else if (event.seq() > cut) {
                emitter.next(event);
            }
        }

        synchronized void replayed(long upTo) {
            cut = upTo;
            for (var event : held) {
                if (event.seq() > cut) {
                    emitter.next(event);
                }
            }
            held.clear();
            replaying = false;
        }
    }

    /** Events kept in memory after {@code after}, or {@code null} when memory does not reach back that far. */
    private List<GraphEvent> recentAfter(long after) {
        if (recent.isEmpty() || recent.peekFirst().seq() > after + 1) {
            return null;
        }
        var result = new ArrayList<GraphEvent>();
        for (var event : recent) {
            if (event.seq() > after) {
                result.add(event);
            }
        }
        return result;
    }

    private void replayFromOutbox(long after, long cut, FluxSink<GraphEvent> emitter) {
        long position = after;
        boolean first = true;
        while (position < cut && !emitter.isCancelled()) {
            var page = Outbox.since(graph, position, PAGE);
            if (first && (page.isEmpty() || page.get(0).seq() != after + 1)) {
                throw new ReplayWindowExceeded(after, page.isEmpty() ? cut + 1 : page.get(0).seq());
            }
            first = false;
            for (var event : page) {
                if (event.seq() > cut) {
                    return;
                }
                emitter.next(event);
                position = event.seq();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Events published by this instance's writers, possibly out of order. */
    private synchronized void accept(GraphEvent event) {
        if (event.seq() > delivered) {
            pending.put(event.seq(), event);
            drain();
        }
    }

    /**
     * Reads the outbox every {@code pollInterval} (events of other instances) and whenever an event
     * has waited {@code gapWait} for one before it (a publication was lost).
     */
    private void poll() {
        try {
            long from;
            boolean gap;
            synchronized (this) {
                from = delivered;
                gap = !pending.isEmpty() && System.nanoTime() - gapSince > properties.gapWait().toNanos();
            }
            if (!gap && System.nanoTime() - lastPoll < properties.pollInterval().toNanos()) {
                return;
            }
            lastPoll = System.nanoTime();
            long latest = Outbox.latest(graph);
            if (latest <= from && !gap) {
                return;
            }
            var events = Outbox.since(graph, from, PAGE);
            synchronized (this) {
                // Sequence numbers are taken under a lock on the counter, so they commit in order:
                // once a later event is visible, a missing one was deleted (pruned, or wiped by an
                // admin) and will never come. Waiting for it would stall every subscriber.
                if (gap && !events.isEmpty() && events.get(0).seq() > delivered + 1) {
                    LOG.warn("Events {} to {} are gone from the outbox; the stream continues after them",
                            delivered + 1, events.get(0).seq() - 1);
                    delivered = events.get(0).seq() - 1;
                }
                events.forEach(e -> {
                    if (e.seq() > delivered) {
                        pending.put(e.seq(), e);
                    }
                });
                drain();
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the event outbox failed; retrying: {}", e.getMessage());
        }
    }

    private void drain() {
        while (!pending.isEmpty() && pending.firstKey() == delivered + 1) {
            var event = pending.pollFirstEntry().getValue();
            delivered = event.seq();
            recent.addLast(event);
            if (recent.size() > properties.recentEvents()) {
                recent.removeFirst();
            }
            for (var listener : List.copyOf(listeners)) {
                listener.live(event);
            }
        }
        if (!pending.isEmpty()) {
            if (gapSince == 0) {
                gapSince = System.nanoTime();
            }
        } else {
            gapSince = 0;
        }
    }
}
