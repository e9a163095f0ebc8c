package org.citygraph.api.event;

import org.citygraph.api.websocket.WebSocketSessions;
import org.citygraph.graph.event.GraphEvent;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The event stream as one subscription consumes it: replayed from {@code after}, then live, handed
 * to a worker so that building one subscriber's messages never holds up the stream; a subscriber
 * that falls too far behind has its WebSocket closed with 4429, after which it resumes by sequence.
 */
@Component
public class Subscriptions {

    private final EventStream stream;
    private final WebSocketSessions sessions;
    private final Scheduler workers = Schedulers.boundedElastic();
    /** Events taken ahead per subscriber: the stream's buffer holds the rest (Reactor's 256 costs 1 KB per subscriber). */
    private static final int PREFETCH = 16;

    public Subscriptions(EventStream stream, WebSocketSessions sessions) {
        this.stream = stream;
        this.sessions = sessions;
    }

    public Flux<GraphEvent> stream(Long after, String webSocketSessionId) {
        return stream.from(after)
                .publishOn(workers, PREFETCH)
                .doOnError(EventStream.SlowSubscriber.class, e -> {
                    if (webSocketSessionId != null) {
                        sessions.close(webSocketSessionId, WebSocketSessions.TOO_SLOW);
                    }
                });
    }
}
