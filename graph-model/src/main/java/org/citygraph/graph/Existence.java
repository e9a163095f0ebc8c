package org.citygraph.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks inside a write transaction that referenced nodes exist, so that a write never links to nothing. */
public final class Existence {

    private static final String MISSING = """
            UNWIND $ids AS id
            OPTIONAL MATCH (n:%s {id: id})
            WITH id, n
            WHERE n IS NULL
            RETURN collect(id) AS missing""";

    private Existence() {
    }

    /**
     * Throws a field error naming the ids that are not nodes of {@code type}. Ids with another type's
     * prefix are refused without a lookup.
     */
    public static void require(Graph.Tx tx, NodeType type, Collection<String> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        var wrongType = ids.stream().filter(id -> NodeType.ofId(id).filter(t -> t == type).isEmpty()).toList();
        List<String> missing = wrongType.isEmpty()
                ? tx.run(MISSING.formatted(type.label()), Map.of("ids", List.copyOf(ids))).single().get("missing").asList(v -> v.asString())
                : wrongType;
        if (!missing.isEmpty()) {
            throw new InvalidInputException(field, "NOT_FOUND",
                    "No " + type.label() + " with id " + String.join(", ", missing) + ".");
        }
    }
}
