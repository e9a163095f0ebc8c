package org.citygraph.api.graphql;

import java.util.List;

import org.citygraph.graph.Page;

/**
 * A Relay connection as the schema's {@code *Connection} types read it.
 *
 * @param totalCount {@code null} unless the query selected it (counting costs more than a page)
 */
public record Connection<T>(List<Page.Edge<T>> edges, List<T> nodes, PageInfo pageInfo, Long totalCount) {

    /** The schema's {@code PageInfo}. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public static <T> Connection<T> of(Page<T> page) {
        return new Connection<>(page.edges(), page.nodes(),
                new PageInfo(page.hasNextPage(), page.hasPreviousPage(), page.startCursor(), page.endCursor()),
                page.totalCount());
    }

    public static <T> Connection<T> empty() {
        return of(Page.empty(0L));
    }
}
