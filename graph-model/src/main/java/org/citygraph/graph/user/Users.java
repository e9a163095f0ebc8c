package org.citygraph.graph.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Viewer;

/**
 * The built-in user store: accounts with a role, partners bound to one agency. Passwords arrive
 * here already hashed; checking them is the caller's job.
 */
public final class Users {

    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");

    /** A stored password hash with the account it belongs to, for the login check. */
    public record Credentials(User user, String passwordHash) {
    }

    private static final String BY_USERNAME = """
            MATCH (u:User {username: $username})
            OPTIONAL MATCH (u)-[:MEMBER_OF]->(a:Agency)
            RETURN u, a.id AS agencyId""";

    private static final String BY_ID = """
            MATCH (u:User {id: $id})
            OPTIONAL MATCH (u)-[:MEMBER_OF]->(a:Agency)
            RETURN u, a.id AS agencyId""";

    private static final String LIST = """
            MATCH (u:User)
            OPTIONAL MATCH (u)-[:MEMBER_OF]->(a:Agency)
            RETURN u, a.id AS agencyId
            ORDER BY u.username""";

    private static final String COUNT = "MATCH (u:User) RETURN count(u) AS total";

    private static final String CREATE = """
            CREATE (u:User {id: $id, username: $username, displayName: $displayName, role: $role,
                            passwordHash: $passwordHash, enabled: true, createdAt: datetime()})
            WITH u
            CALL (u) {
              WITH u WHERE $agencyId IS NOT NULL
              MATCH (a:Agency {id: $agencyId})
              CREATE (u)-[:MEMBER_OF]->(a)
            }
            RETURN u, $agencyId AS agencyId""";

    private static final String SET_PASSWORD = """
            MATCH (u:User {id: $id})
            SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime()
            RETURN u""";

    private static final String SET_ENABLED = """
            MATCH (u:User {id: $id})
            SET u.enabled = $enabled
            WITH u
            OPTIONAL MATCH (u)-[:MEMBER_OF]->(a:Agency)
            RETURN u, a.id AS agencyId""";

    private static final String LOGGED_IN = """
            MATCH (u:User {id: $id})
            SET u.lastLoginAt = datetime()""";

    private final Graph graph;

    public Users(Graph graph) {
        this.graph = graph;
    }

    public Optional<Credentials> credentials(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return graph.read(tx -> tx.run(BY_USERNAME, Map.of("username", username.strip().toLowerCase())).stream()
                .findFirst().map(r -> new Credentials(User.from(r.get("u"), r.get("agencyId")),
                        r.get("u").get("passwordHash").asString())));
    }

    public Optional<User> byId(String id) {
        return graph.read(tx -> tx.run(BY_ID, Map.of("id", id)).stream().findFirst()
                .map(r -> User.from(r.get("u"), r.get("agencyId"))));
    }

    public List<User> list() {
        return graph.read(tx -> tx.run(LIST).list(r -> User.from(r.get("u"), r.get("agencyId"))));
    }

    public long count() {
        return graph.read(tx -> tx.run(COUNT).single().get("total").asLong());
    }

    /** Creates an account; partners must name their agency, staff may, admins must not. */
    public User create(String username, String displayName, Viewer.Role role, String agencyId, String passwordHash) {
        var errors = new ArrayList<FieldError>();
        var name = username == null ? "" : username.strip().toLowerCase();
        if (!USERNAME.matcher(name).matches()) {
            errors.add(new FieldError(List.of("input", "username"), "INVALID_USERNAME",
                    "A username is 2 to 64 lowercase letters, digits, dots, dashes or underscores."));
        }
        if (role == null || role == Viewer.Role.PUBLIC) {
            errors.add(new FieldError(List.of("input", "role"), "INVALID_ROLE", "Choose ADMIN, STAFF or PARTNER."));
        }
        if (role == Viewer.Role.PARTNER && agencyId == null) {
            errors.add(new FieldError(List.of("input", "agencyId"), "REQUIRED", "A partner account belongs to one agency."));
        }
        // Staff may belong to an agency: complainants' contact details are shown to the responsible agency's staff.
        if (role != Viewer.Role.PARTNER && role != Viewer.Role.STAFF && agencyId != null) {
            errors.add(new FieldError(List.of("input", "agencyId"), "NOT_ALLOWED", "Only partner and staff accounts belong to an agency."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var params = new HashMap<String, Object>();
        params.put("id", NodeType.USER.newId());
        params.put("username", name);
        params.put("displayName", displayName == null || displayName.isBlank() ? name : displayName.strip());
        params.put("role", role.name());
        params.put("agencyId", agencyId);
        params.put("passwordHash", passwordHash);
        return graph.write(tx -> {
            if (agencyId != null) {
                Existence.require(tx, NodeType.AGENCY, List.of(agencyId), "agencyId");
            }
            if (tx.run("MATCH (u:User {username: $username}) RETURN u.id", Map.of("username", name)).hasNext()) {
                throw new InvalidInputException("username", "TAKEN", "The username '" + name + "' is taken.");
            }
            var row = tx.run(CREATE, params).single();
            return User.from(row.get("u"), row.get("agencyId"));
        });
    }

    public void setPassword(String id, String passwordHash) {
        graph.write(tx -> {
            if (!tx.run(SET_PASSWORD, Map.of("id", id, "passwordHash", passwordHash)).hasNext()) {
                throw new NotFoundException("id", id);
            }
            return null;
        });
    }

    public User setEnabled(String id, boolean enabled) {
        return graph.write(tx -> tx.run(SET_ENABLED, Map.of("id", id, "enabled", enabled)).stream().findFirst()
                .map(r -> User.from(r.get("u"), r.get("agencyId")))
                .orElseThrow(() -> new NotFoundException("id", id)));
    }

    public void recordLogin(String id) {
        graph.write(tx -> tx.run(LOGGED_IN, Map.of("id", id)).consume());
    }
}
