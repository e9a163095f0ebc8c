package org.citygraph.graph.district;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Graph;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Relations;
import org.citygraph.graph.Cursor;

/** Reads of districts and the relationships that end at them. Districts are public to every viewer. */
public final class Districts {

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (n:District {id: id})
            RETURN id, n""";

    private static final String BY_CODE = """
            MATCH (n:District {code: $code})
            RETURN n""";

    private static final String LIST = """
            MATCH (n:District)
            WHERE ($level IS NULL OR n.level = $level)
              AND ($parentId IS NULL OR EXISTS { MATCH (n)-[:PART_OF]->(:District {id: $parentId}) })
              AND %s
            RETURN n
            ORDER BY %s
            LIMIT $limit""";

    private static final String COUNT = """
            MATCH (n:District)
            WHERE ($level IS NULL OR n.level = $level)
              AND ($parentId IS NULL OR EXISTS { MATCH (n)-[:PART_OF]->(:District {id: $parentId}) })
            RETURN count(n) AS total""";

    private static final String PARENTS = """
            UNWIND $ids AS id
            MATCH (:District {id: id})-[:PART_OF]->(n:District)
            RETURN id, n""";

    private static final String CHILDREN = """
            UNWIND $ids AS id
            MATCH (:District {id: id})<-[:PART_OF]-(n:District)
            RETURN id, n ORDER BY n.name""";

    private static final String SERVED_BY = """
            UNWIND $ids AS id
            MATCH (:Agency {id: id})-[:SERVES]->(n:District)
            RETURN id, n ORDER BY n.name""";

    private static final String OF_ISSUES = """
            UNWIND $ids AS id
            MATCH (:Issue {id: id})-[:LOCATED_IN]->(n:District)
            RETURN id, n ORDER BY n.name""";

    private static final String COVERED_BY = """
            UNWIND $ids AS id
            MATCH (:Dataset {id: id})-[:COVERS]->(n:District)
            RETURN id, n ORDER BY n.name""";

    private final Graph graph;

    public Districts(Graph graph) {
        this.graph = graph;
    }

    public List<District> byIds(Collection<String> ids) {
        return Relations.grouped(graph, BY_IDS, ids, r -> District.from(r.get("n"))).values().stream()
                .flatMap(List::stream).toList();
    }

    public Optional<District> byCode(String code) {
        return graph.read(tx -> tx.run(BY_CODE, Map.of("code", code)).stream()
                .findFirst().map(r -> District.from(r.get("n"))));
    }

    /** Districts ordered by Korean name, optionally one level or the children of one district. */
    public Page<District> list(DistrictLevel level, String parentId, PageRequest page, boolean count) {
        var keyset = Keyset.of("n", "name", false, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("level", level == null ? null : level.name());
        params.put("parentId", parentId);
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(keyset.predicate(), keyset.orderBy()), params).list(r -> District.from(r.get("n")));
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, d -> new Cursor(d.name(), d.id()), total);
        });
    }

    public Map<String, List<District>> parentsOf(Collection<String> districtIds) {
        return Relations.grouped(graph, PARENTS, districtIds, r -> District.from(r.get("n")));
    }

    public Map<String, List<District>> childrenOf(Collection<String> districtIds) {
        return Relations.grouped(graph, CHILDREN, districtIds, r -> District.from(r.get("n")));
    }

    public Map<String, List<District>> servedBy(Collection<String> agencyIds) {
        return Relations.grouped(graph, SERVED_BY, agencyIds, r -> District.from(r.get("n")));
    }

    /** The districts of issues; the caller has already read the issues through the viewer's rule. */
    public Map<String, List<District>> ofIssues(Collection<String> issueIds) {
        return Relations.grouped(graph, OF_ISSUES, issueIds, r -> District.from(r.get("n")));
    }

    public Map<String, List<District>> coveredBy(Collection<String> datasetIds) {
        return Relations.grouped(graph, COVERED_BY, datasetIds, r -> District.from(r.get("n")));
    }
}
