package org.citygraph.api.event;

import java.util.List;

import org.citygraph.graph.event.GraphEvent;

import reactor.core.publisher.Flux;

/**
 * Carries committed events from the writers to everyone who listens inside this instance
 * (subscriptions, webhooks). In-process by default; a shared broker can stand behind the same
 * interface for several instances, with the graph's outbox as the source of truth for replay.
 */
public interface EventBus {

    /** Publishes events that were committed; call it after the transaction returned. */
    void publish(List<GraphEvent> events);

    /** The live stream of events published from now on. */
    Flux<GraphEvent> events();
}
