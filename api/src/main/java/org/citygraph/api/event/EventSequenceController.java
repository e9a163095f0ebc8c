package org.citygraph.api.event;

import org.citygraph.graph.Graph;
import org.citygraph.graph.event.Outbox;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Where the event stream stands, so that a client can load a screen and then subscribe from that point. */
@Controller
class EventSequenceController {

    private final Graph graph;

    EventSequenceController(Graph graph) {
        this.graph = graph;
    }

    @QueryMapping
    long eventSequence() {
        return Outbox.latest(graph);
    }
}
