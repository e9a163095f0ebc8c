package org.citygraph.graph.user;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Viewer;
import org.neo4j.driver.Value;

/**
 * A key a partner system authenticates with, instead of a person's login. Only a hash of its secret
 * is kept; the key itself is shown once, when it is made.
 *
 * @param prefix    the first characters of the key, so that an admin can tell keys apart
 * @param revokedAt when it stopped working for good
 */
public record ApiKey(String id, String name, Viewer.Role role, String agencyId, String prefix, OffsetDateTime createdAt,
                     String createdBy, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt)
        implements GraphNode {

    static ApiKey from(Value node) {
        return new ApiKey(string(node.get("id")), string(node.get("name")), Viewer.Role.valueOf(node.get("role").asString()),
                string(node.get("agencyId")), string(node.get("prefix")), time(node.get("createdAt")), string(node.get("createdBy")),
                time(node.get("lastUsedAt")), time(node.get("expiresAt")), time(node.get("revokedAt")));
    }

    /** Works now: not revoked, not expired. */
    public boolean active() {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
    }

    /** The viewer a request with this key reads and writes as. */
    public Viewer asViewer() {
        return new Viewer(id, name, role, agencyId);
    }
}
