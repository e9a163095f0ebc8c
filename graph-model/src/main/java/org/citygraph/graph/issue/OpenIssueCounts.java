package org.citygraph.graph.issue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.citygraph.graph.Graph;

/**
 * The number of open issues located directly in each district, kept on the district as two
 * properties: {@code openIssues} (every visibility, what staff see) and {@code openPublicIssues}
 * (what anyone may see). Every write that can change an issue's status, districts or visibility
 * recounts the districts it touches in its own transaction, so the counts are exact at every commit
 * and "open issues per district" reads sixteen numbers instead of every issue's district. Partners
 * see the public count plus the internal open issues shared with, owned by or involving their
 * agency, counted from that agency's issues (few) at read time.
 */
public final class OpenIssueCounts {

    /** Counts the open issues located in {@code d}, all and public, and keeps both on it. */
    private static final String RECOUNT = """
            CALL (d) {
              OPTIONAL MATCH (d)<-[:LOCATED_IN]-(i:Issue)
              WHERE i.status IN $open
              WITH DISTINCT i
              RETURN count(i) AS openAll, count(CASE WHEN i.visibility = 'PUBLIC' THEN i END) AS openPublic
            }
            SET d.openIssues = openAll, d.openPublicIssues = openPublic""";

    /**
     * Recounts some districts. The first SET takes each district's write lock, so two writers that
     * touch the same district count one after the other and neither loses the other's change; ids
     * are sorted so that writers take the locks in the same order.
     */
    private static final String REFRESH = """
            UNWIND $districtIds AS districtId
            MATCH (d:District {id: districtId})
            SET d.openIssues = coalesce(d.openIssues, 0)
            WITH d
            """ + RECOUNT;

    private static final String REFRESH_ALL = "MATCH (d:District)\n" + RECOUNT;

    private static final String DISTRICTS_OF = """
            MATCH (:Issue {id: $id})-[:LOCATED_IN]->(d:District)
            RETURN DISTINCT d.id AS id""";

    /**
     * Every district with its open issues as the viewer may see them, most first. Internal issues
     * that a partner may see are counted from its agency's issues; staff read the full count.
     */
    static final String READ = """
            OPTIONAL MATCH (:Agency {id: $viewer.agencyId})<-[:SHARED_WITH|OWNED_BY|INVOLVES]-(i:Issue)-[:LOCATED_IN]->(sd:District)
            WHERE NOT $viewer.all AND i.status IN $open AND NOT coalesce(i.visibility = 'PUBLIC', false)
            WITH sd.id AS sharedIn, count(DISTINCT i) AS n
            WITH collect({id: sharedIn, n: n}) AS shared
            MATCH (d:District)
            WITH d, CASE WHEN $viewer.all THEN coalesce(d.openIssues, 0) ELSE coalesce(d.openPublicIssues, 0) END
                    + coalesce(head([s IN shared WHERE s.id = d.id | s.n]), 0) AS count
            RETURN d.id AS key, d.name AS label, count
            ORDER BY count DESC, label""";

    private static final List<String> OPEN = IssueStatus.openStatuses().stream().map(Enum::name).toList();

    private OpenIssueCounts() {
    }

    /** Recounts these districts inside the caller's write transaction. */
    public static void refresh(Graph.Tx tx, Collection<String> districtIds) {
        var ids = districtIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (!ids.isEmpty()) {
            tx.run(REFRESH, Map.of("districtIds", ids, "open", OPEN)).consume();
        }
    }

    /** Recounts every district: after bulk loads, and once when the counts are introduced. */
    public static void refreshAll(Graph.Tx tx) {
        tx.run(REFRESH_ALL, Map.of("open", OPEN)).consume();
    }

    /** The districts an issue is located in now. */
    static List<String> districtsOf(Graph.Tx tx, String issueId) {
        return tx.run(DISTRICTS_OF, Map.of("id", issueId)).list(r -> r.get("id").asString());
    }

    /** Whether a count by district with this filter is what the maintained counts hold: open issues, nothing else. */
    static boolean covers(IssueFilter f) {
        return f.statuses() != null && Set.copyOf(f.statuses()).equals(Set.copyOf(IssueStatus.openStatuses()))
                && empty(f.districtIds()) && empty(f.agencyIds()) && empty(f.categories()) && f.minSeverity() == null
                && f.visibility() == null && f.createdFrom() == null && f.createdTo() == null && f.updatedFrom() == null
                && f.updatedTo() == null && f.text() == null;
    }

    static Map<String, Object> readParameters(Map<String, Object> viewer) {
        return Map.of("viewer", viewer, "open", OPEN);
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
