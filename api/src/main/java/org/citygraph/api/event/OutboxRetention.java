package org.citygraph.api.event;

import java.time.OffsetDateTime;

import org.citygraph.graph.Graph;
import org.citygraph.graph.event.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the replay window: events younger than {@code replayWindow}, and at least the
 * {@code replayMinEvents} newest, stay in the outbox; older ones are deleted every ten minutes.
 */
@Component
class OutboxRetention {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final Graph graph;
    private final RealtimeProperties properties;

    OutboxRetention(Graph graph, RealtimeProperties properties) {
        this.graph = graph;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void prune() {
        long deleted = Outbox.prune(graph, OffsetDateTime.now().minus(properties.replayWindow()), properties.replayMinEvents());
        if (deleted > 0) {
            LOG.info("Deleted {} events older than the replay window from the outbox", deleted);
        }
    }
}
