package org.citygraph.graph;

import java.util.List;

import org.citygraph.graph.event.GraphEvent;

/** The result of a committed write: the value as stored and the events it appended to the outbox. */
public record Written<T>(T value, List<GraphEvent> events) {
}
