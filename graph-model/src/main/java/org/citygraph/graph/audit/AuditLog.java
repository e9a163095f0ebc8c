package org.citygraph.graph.audit;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;

/** Who did what and when, kept in the graph for admins to read, pruned after a retention period. */
public final class AuditLog {

    /** Which entries a list shows; set fields combine with AND. */
    public record Filter(String actorId, String action, String subjectId, OffsetDateTime from, OffsetDateTime to) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    private static final String APPEND = """
            CREATE (e:AuditEntry {id: $id, at: datetime(), actorId: $actorId, actorName: $actorName, actorRole: $actorRole,
                                  action: $action, subjectId: $subjectId, details: $details, outcome: $outcome, address: $address})""";

    private static final String WHERE = """
            ($actorId IS NULL OR e.actorId = $actorId) AND ($action IS NULL OR e.action = $action)
            AND ($subjectId IS NULL OR e.subjectId = $subjectId)
            AND ($from IS NULL OR e.at >= $from) AND ($to IS NULL OR e.at < $to)""";

    private static final String LIST = "MATCH (e:AuditEntry) WHERE " + WHERE + " AND %s RETURN e ORDER BY %s LIMIT $limit";
    private static final String COUNT = "MATCH (e:AuditEntry) WHERE " + WHERE + " RETURN count(e) AS total";
    private static final String PRUNE = """
            MATCH (e:AuditEntry) WHERE e.at < $before
            WITH e LIMIT 10000
            DELETE e
            RETURN count(*) AS deleted""";

    private final Graph graph;

    public AuditLog(Graph graph) {
        this.graph = graph;
    }

    public void append(Viewer actor, String action, String subjectId, List<String> details, String outcome, String address) {
        var params = new HashMap<String, Object>();
        params.put("id", "aud_" + UUID.randomUUID());
        params.put("actorId", actor.userId());
        params.put("actorName", actor.name());
        params.put("actorRole", actor.role().name());
        params.put("action", action);
        params.put("subjectId", subjectId);
        params.put("details", details == null ? List.of() : details);
        params.put("outcome", outcome);
        params.put("address", address);
        graph.write(tx -> tx.run(APPEND, params).consume());
    }

    /** Entries newest first. */
    public Page<AuditEntry> list(Filter filter, PageRequest page, boolean count) {
        var keyset = Keyset.of("e", "at", true, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("actorId", filter.actorId());
        params.put("action", filter.action());
        params.put("subjectId", filter.subjectId());
        params.put("from", filter.from());
        params.put("to", filter.to());
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(keyset.predicate(), keyset.orderBy()), params).list(r -> AuditEntry.from(r.get("e")));
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, e -> new Cursor(e.at(), e.id()), total);
        });
    }

    /** Removes entries older than {@code before}, in batches; returns how many. */
    public long prune(OffsetDateTime before) {
        long total = 0;
        long deleted;
        do {
            deleted = graph.write(tx -> tx.run(PRUNE, Map.of("before", before)).single().get("deleted").asLong());
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
