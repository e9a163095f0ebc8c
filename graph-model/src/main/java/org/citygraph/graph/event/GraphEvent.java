package org.citygraph.graph.event;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;
import java.util.List;

import org.neo4j.driver.Value;

/**
 * A committed change, as kept in the outbox. {@code seq} only grows; a client that saw event n
 * resumes from n + 1 and misses nothing.
 *
 * @param subjectId  the node the event is about (an issue, a dataset, a news item)
 * @param relatedIds the other nodes it touched (linked districts, agencies, ...)
 * @param fields     for updates: the names of the fields that changed
 * @param actorId    who made the change ({@code system} for the hub itself)
 */
public record GraphEvent(long seq, EventKind kind, String subjectId, List<String> relatedIds, List<String> fields,
                         OffsetDateTime at, String actorId) {

    static GraphEvent from(Value node) {
        return new GraphEvent(node.get("seq").asLong(), EventKind.valueOf(node.get("kind").asString()),
                string(node.get("subjectId")), strings(node.get("relatedIds")), strings(node.get("fields")),
                time(node.get("at")), string(node.get("actorId")));
    }
}
