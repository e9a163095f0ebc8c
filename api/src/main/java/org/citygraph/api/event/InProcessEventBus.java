package org.citygraph.api.event;

import java.util.List;

import org.citygraph.graph.event.GraphEvent;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The single-instance event bus: a multicast sink. A subscriber that cannot keep up does not slow
 * the publisher; it is dropped and resumes from the outbox by sequence number.
 */
@Component
class InProcessEventBus implements EventBus {

    private final Sinks.Many<GraphEvent> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public synchronized void publish(List<GraphEvent> events) {
        for (var event : events) {
            sink.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
        }
    }

    @Override
    public Flux<GraphEvent> events() {
        return sink.asFlux();
    }
}
