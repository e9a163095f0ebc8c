package org.citygraph.graph.audit;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;
import java.util.List;

import org.neo4j.driver.Value;

/**
 * One thing someone did: a mutation, a login, a failed login.
 *
 * @param action    e.g. createIssue, login, login.failed
 * @param subjectId the node acted on, when there is one
 * @param details   what was sent, by name only (input field names, never values such as passwords)
 * @param outcome   OK, REFUSED (the input was refused), DENIED (not allowed) or ERROR
 */
public record AuditEntry(String id, OffsetDateTime at, String actorId, String actorName, String actorRole, String action,
                         String subjectId, List<String> details, String outcome, String address) {

    static AuditEntry from(Value node) {
        return new AuditEntry(string(node.get("id")), time(node.get("at")), string(node.get("actorId")),
                string(node.get("actorName")), string(node.get("actorRole")), string(node.get("action")),
                string(node.get("subjectId")), strings(node.get("details")), string(node.get("outcome")),
                string(node.get("address")));
    }
}
