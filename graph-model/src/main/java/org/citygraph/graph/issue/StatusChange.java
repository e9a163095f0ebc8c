package org.citygraph.graph.issue;

import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.neo4j.driver.Value;

/** One entry of an issue's history: who moved it from which status to which, when, and why. */
public record StatusChange(IssueStatus from, IssueStatus to, OffsetDateTime at, String by, String note) {

    static StatusChange from(Value node) {
        return new StatusChange(enumValue(IssueStatus.class, node.get("from")), enumValue(IssueStatus.class, node.get("to")),
                time(node.get("at")), string(node.get("by")), string(node.get("note")));
    }
}
