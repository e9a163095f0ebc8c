package org.citygraph.graph.user;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Viewer;
import org.neo4j.driver.Value;

/**
 * An account of the built-in user store. The password hash never leaves the graph model except to
 * the code that checks a login ({@link Users#credentials}).
 *
 * @param agencyId for partners: the agency the account belongs to
 */
public record User(String id, String username, String displayName, Viewer.Role role, String agencyId,
                   boolean enabled, OffsetDateTime createdAt, OffsetDateTime lastLoginAt) implements GraphNode {

    static User from(Value node, Value agencyId) {
        return new User(string(node.get("id")), string(node.get("username")), string(node.get("displayName")),
                Viewer.Role.valueOf(node.get("role").asString()), string(agencyId),
                node.get("enabled").asBoolean(true), time(node.get("createdAt")), time(node.get("lastLoginAt")));
    }

    /** The viewer this account reads and writes as. */
    public Viewer asViewer() {
        return new Viewer(id, displayName == null ? username : displayName, role, agencyId);
    }
}
