package org.citygraph.graph;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a connection. {@code totalCount} is {@code null} when the caller did not ask for it,
 * because counting a large set costs more than reading a page of it.
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, Long totalCount) {

    public record Edge<T>(String cursor, T node) {
    }

    public static <T> Page<T> empty(Long totalCount) {
        return new Page<>(List.of(), false, false, totalCount);
    }

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }

    public String startCursor() {
        return edges.isEmpty() ? null : edges.get(0).cursor();
    }

    public String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }

    /**
     * Builds a page from rows read with one extra row beyond the requested size (which tells
     * whether there is more), in the direction of travel.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, Cursor> cursorOf, Long totalCount) {
        int size = request.size();
        boolean more = rows.size() > size;
        var kept = more ? rows.subList(0, size) : rows;
        var ordered = new java.util.ArrayList<>(kept);
        if (request.backward()) {
            java.util.Collections.reverse(ordered);
        }
        var edges = ordered.stream().map(row -> new Edge<>(cursorOf.apply(row).encode(), row)).toList();
        boolean hasCursor = request.cursor() != null;
        return request.backward()
                ? new Page<>(edges, hasCursor, more, totalCount)
                : new Page<>(edges, more, hasCursor, totalCount);
    }
}
