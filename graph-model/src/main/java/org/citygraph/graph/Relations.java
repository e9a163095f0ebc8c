package org.citygraph.graph;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neo4j.driver.Record;

/**
 * Batched reads of one relationship for many parents at once: the query receives {@code $ids} and
 * returns rows of {@code (id, n)}; the result maps every parent id to its related nodes, in the
 * order of the rows. This is what keeps a GraphQL request at one statement per level of the
 * selection, however many parents the level has.
 */
public final class Relations {

    private Relations() {
    }

    public static <T> Map<String, List<T>> grouped(Graph graph, String cypher, Collection<String> ids,
                                                   Map<String, Object> parameters, Function<Record, T> mapper) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var params = new HashMap<>(parameters);
        params.put("ids", List.copyOf(ids));
        return graph.read(tx -> {
            var result = new LinkedHashMap<String, List<T>>();
            tx.run(cypher, params).forEachRemaining(row ->
                    result.computeIfAbsent(row.get("id").asString(), k -> new java.util.ArrayList<>()).add(mapper.apply(row)));
            return result;
        });
    }

    public static <T> Map<String, List<T>> grouped(Graph graph, String cypher, Collection<String> ids, Function<Record, T> mapper) {
        return grouped(graph, cypher, ids, Map.of(), mapper);
    }

    /** Parameters with the viewer, for relationship queries that reach issues or datasets. */
    public static Map<String, Object> viewer(Viewer viewer) {
        return Map.of("viewer", viewer.asParameter());
    }
}
