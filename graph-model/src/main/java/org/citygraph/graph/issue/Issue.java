package org.citygraph.graph.issue;

import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/** A live civic issue: what the city is dealing with, where, and how far along it is. */
public record Issue(String id, String title, String summary, IssueCategory category, Severity severity,
                    IssueStatus status, Visibility visibility, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                    OffsetDateTime resolvedAt) implements GraphNode {

    public static Issue from(Value node) {
        return new Issue(string(node.get("id")), string(node.get("title")), string(node.get("summary")),
                enumValue(IssueCategory.class, node.get("category")), enumValue(Severity.class, node.get("severity")),
                enumValue(IssueStatus.class, node.get("status")), enumValue(Visibility.class, node.get("visibility")),
                time(node.get("createdAt")), time(node.get("updatedAt")), time(node.get("resolvedAt")));
    }
}
