package org.citygraph.graph.read;

import java.util.Map;

import org.citygraph.graph.GraphNode;

/**
 * A node read with what was asked below it: under each branch key, a {@code Loaded} (or
 * {@code null}) for relationships to one node, a {@code List<Loaded>}, or a {@code Page<Loaded>}.
 */
public record Loaded(GraphNode node, Map<String, Object> related) {
}
