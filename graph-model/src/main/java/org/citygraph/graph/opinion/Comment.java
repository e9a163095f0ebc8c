package org.citygraph.graph.opinion;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Record;

/**
 * A citizen's public comment on a public issue. Hidden comments reach staff only, with the reason
 * kept; everyone else never reads them.
 */
public record Comment(String id, String issueId, String body, String authorName, OffsetDateTime createdAt,
                      long agree, long disagree, boolean hidden, String hiddenReason, String hiddenBy,
                      OffsetDateTime hiddenAt) implements GraphNode {

    static Comment from(Record row) {
        var c = row.get("c");
        return new Comment(string(c.get("id")), string(row.get("issueId")), string(c.get("body")), string(c.get("authorName")),
                time(c.get("createdAt")), c.get("agree").asLong(0), c.get("disagree").asLong(0), c.get("hidden").asBoolean(false),
                string(c.get("hiddenReason")), string(c.get("hiddenBy")), time(c.get("hiddenAt")));
    }
}
