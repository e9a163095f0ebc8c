package org.citygraph.graph.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Graph;
import org.citygraph.graph.Viewer;

/**
 * The event outbox: every write appends its events in the same transaction as the change, so an
 * event exists exactly when its change was committed. Sequence numbers come from one counter node,
 * which also orders concurrent writers.
 */
public final class Outbox {

    /** An event about to be appended; it gets its sequence number and time from the transaction. */
    public record Pending(EventKind kind, String subjectId, List<String> relatedIds, List<String> fields) {

        public Pending(EventKind kind, String subjectId) {
            this(kind, subjectId, List.of(), List.of());
        }

        Map<String, Object> asMap() {
            var map = new HashMap<String, Object>();
            map.put("kind", kind.name());
            map.put("subjectId", subjectId);
            map.put("relatedIds", relatedIds);
            map.put("fields", fields);
            return map;
        }
    }

    private static final String APPEND = """
            MATCH (s:Sequence {name: 'events'})
            SET s.value = s.value + size($events)
            WITH s.value - size($events) AS base
            UNWIND range(0, size($events) - 1) AS n
            WITH base + n + 1 AS seq, $events[n] AS e
            CREATE (ev:Event {seq: seq, kind: e.kind, subjectId: e.subjectId, relatedIds: e.relatedIds,
                              fields: e.fields, actorId: $actorId, at: datetime()})
            RETURN ev ORDER BY ev.seq""";

    private static final String SINCE = """
            MATCH (ev:Event)
            WHERE ev.seq > $after
            RETURN ev ORDER BY ev.seq
            LIMIT $limit""";

    private static final String LATEST = """
            MATCH (s:Sequence {name: 'events'})
            RETURN s.value AS seq""";

    private static final String PRUNE = """
            MATCH (ev:Event)
            WHERE ev.at < $before AND ev.seq <= $upTo
            WITH ev LIMIT 10000
            DELETE ev
            RETURN count(*) AS deleted""";

    private Outbox() {
    }

    /**
     * Deletes events older than {@code before}, keeping at least the {@code keep} newest whatever
     * their age; returns how many were deleted.
     */
    public static long prune(Graph graph, java.time.OffsetDateTime before, long keep) {
        long upTo = latest(graph) - keep;
        long total = 0;
        while (upTo > 0) {
            long deleted = graph.write(tx -> tx.run(PRUNE, Map.of("before", before, "upTo", upTo)).single().get("deleted").asLong());
            total += deleted;
            if (deleted < 10000) {
                break;
            }
        }
        return total;
    }

    /** Appends events inside the caller's write transaction and returns them as committed they will be. */
    public static List<GraphEvent> append(Graph.Tx tx, Viewer actor, List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        var params = Map.<String, Object>of(
                "events", events.stream().map(Pending::asMap).toList(),
                "actorId", actor.userId() == null ? "anonymous" : actor.userId());
        return tx.run(APPEND, params).list(r -> GraphEvent.from(r.get("ev")));
    }

    /** Committed events after {@code seq}, oldest first, at most {@code limit}. */
    public static List<GraphEvent> since(Graph graph, long seq, int limit) {
        return graph.read(tx -> tx.run(SINCE, Map.of("after", seq, "limit", limit)).list(r -> GraphEvent.from(r.get("ev"))));
    }

    /** The sequence number of the newest committed event (0 when there is none). */
    public static long latest(Graph graph) {
        return graph.read(tx -> tx.run(LATEST).single().get("seq").asLong());
    }
}
