package org.citygraph.graph.agency;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Relations;

/** Reads of agencies and of the relationships that end at them. Agencies are public to every viewer. */
public final class Agencies {

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (n:Agency {id: id})
            RETURN id, n""";

    private static final String LIST = """
            MATCH (n:Agency)
            WHERE ($kinds IS NULL OR n.kind IN $kinds)
              AND ($districtId IS NULL OR EXISTS { MATCH (n)-[:SERVES]->(:District {id: $districtId}) })
              AND %s
            RETURN n
            ORDER BY %s
            LIMIT $limit""";

    private static final String COUNT = """
            MATCH (n:Agency)
            WHERE ($kinds IS NULL OR n.kind IN $kinds)
              AND ($districtId IS NULL OR EXISTS { MATCH (n)-[:SERVES]->(:District {id: $districtId}) })
            RETURN count(n) AS total""";

    private static final String PARENTS = """
            UNWIND $ids AS id
            MATCH (:Agency {id: id})-[:PART_OF]->(n:Agency)
            RETURN id, n""";

    private static final String CHILDREN = """
            UNWIND $ids AS id
            MATCH (:Agency {id: id})<-[:PART_OF]-(n:Agency)
            RETURN id, n ORDER BY n.name""";

    /** Agencies that serve a district or one of the districts it is part of (city-wide bodies). */
    private static final String SERVING = """
            UNWIND $ids AS id
            MATCH (:District {id: id})-[:PART_OF*0..]->(:District)<-[:SERVES]-(n:Agency)
            WITH DISTINCT id, n
            RETURN id, n ORDER BY n.name""";

    private static final String OWNERS = """
            UNWIND $ids AS id
            MATCH (:Issue {id: id})-[:OWNED_BY]->(n:Agency)
            RETURN id, n""";

    private static final String INVOLVED = """
            UNWIND $ids AS id
            MATCH (:Issue {id: id})-[:INVOLVES]->(n:Agency)
            RETURN id, n ORDER BY n.name""";

    private static final String PUBLISHERS = """
            UNWIND $ids AS id
            MATCH (:Dataset {id: id})-[:PUBLISHED_BY]->(n:Agency)
            RETURN id, n""";

    private final Graph graph;

    public Agencies(Graph graph) {
        this.graph = graph;
    }

    public List<Agency> byIds(Collection<String> ids) {
        return Relations.grouped(graph, BY_IDS, ids, r -> Agency.from(r.get("n"))).values().stream()
                .flatMap(List::stream).toList();
    }

    /** Agencies ordered by name, optionally of some kinds or serving one district. */
    public Page<Agency> list(List<AgencyKind> kinds, String districtId, PageRequest page, boolean count) {
        var keyset = Keyset.of("n", "name", false, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("kinds", kinds == null || kinds.isEmpty() ? null : kinds.stream().map(Enum::name).toList());
        params.put("districtId", districtId);
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(keyset.predicate(), keyset.orderBy()), params).list(r -> Agency.from(r.get("n")));
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, a -> new Cursor(a.name(), a.id()), total);
        });
    }

    public Map<String, List<Agency>> parentsOf(Collection<String> agencyIds) {
        return Relations.grouped(graph, PARENTS, agencyIds, r -> Agency.from(r.get("n")));
    }

    public Map<String, List<Agency>> childrenOf(Collection<String> agencyIds) {
        return Relations.grouped(graph, CHILDREN, agencyIds, r -> Agency.from(r.get("n")));
    }

    public Map<String, List<Agency>> serving(Collection<String> districtIds) {
        return Relations.grouped(graph, SERVING, districtIds, r -> Agency.from(r.get("n")));
    }

    public Map<String, List<Agency>> ownersOf(Collection<String> issueIds) {
        return Relations.grouped(graph, OWNERS, issueIds, r -> Agency.from(r.get("n")));
    }

    public Map<String, List<Agency>> involvedIn(Collection<String> issueIds) {
        return Relations.grouped(graph, INVOLVED, issueIds, r -> Agency.from(r.get("n")));
    }

    public Map<String, List<Agency>> publishersOf(Collection<String> datasetIds) {
        return Relations.grouped(graph, PUBLISHERS, datasetIds, r -> Agency.from(r.get("n")));
    }
}
