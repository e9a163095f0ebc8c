package org.citygraph.graph.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Viewer;

/**
 * API keys: {@code cgk_<key id>_<secret>}. The secret is 32 random bytes, so a SHA-256 of it is
 * safe to keep (a slow password hash protects guessable passwords, not random keys) and cheap to
 * check on every request. Comparison is constant-time.
 */
public final class ApiKeys {

    public static final String PREFIX = "cgk_";

    /** A key as made: its record, and the key itself, which is never stored and never shown again. */
    public record Issued(ApiKey key, String secret) {
    }

    private static final String CREATE = """
            CREATE (k:ApiKey {id: $id, name: $name, role: $role, agencyId: $agencyId, prefix: $prefix, secretHash: $hash,
                              createdAt: datetime(), createdBy: $createdBy, expiresAt: $expiresAt})
            RETURN k""";
    private static final String BY_ID = "MATCH (k:ApiKey {id: $id}) RETURN k, k.secretHash AS hash";
    private static final String LIST = """
            MATCH (k:ApiKey)
            WHERE $agencyId IS NULL OR k.agencyId = $agencyId
            RETURN k ORDER BY k.createdAt DESC""";
    private static final String REVOKE = """
            MATCH (k:ApiKey {id: $id})
            SET k.revokedAt = coalesce(k.revokedAt, datetime())
            RETURN k""";
    private static final String TOUCH = "MATCH (k:ApiKey {id: $id}) SET k.lastUsedAt = $at";

    private final Graph graph;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Graph graph) {
        this.graph = graph;
    }

    /** Makes a key for a partner agency (role PARTNER) or for a city system (role STAFF). */
    public Issued create(Viewer actor, String name, Viewer.Role role, String agencyId, OffsetDateTime expiresAt) {
        var errors = new ArrayList<FieldError>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError(List.of("input", "name"), "REQUIRED", "Name the key (up to 100 characters), e.g. the system that uses it."));
        }
        if (role != Viewer.Role.PARTNER && role != Viewer.Role.STAFF) {
            errors.add(new FieldError(List.of("input", "role"), "INVALID_ROLE", "A key acts as a partner or as staff."));
        }
        if (role == Viewer.Role.PARTNER && agencyId == null) {
            errors.add(new FieldError(List.of("input", "agencyId"), "REQUIRED", "A partner key belongs to an agency."));
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            errors.add(new FieldError(List.of("input", "expiresAt"), "IN_THE_PAST", "The expiry must be in the future."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var id = NodeType.API_KEY.newId();
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var secret = PREFIX + id.substring(NodeType.API_KEY.prefix().length() + 1) + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("name", name.strip());
        params.put("role", role.name());
        params.put("agencyId", role == Viewer.Role.PARTNER ? agencyId : null);
        params.put("prefix", secret.substring(0, PREFIX.length() + 8));
        params.put("hash", sha256(secret));
        params.put("createdBy", actor.userId());
        params.put("expiresAt", expiresAt);
        var key = graph.write(tx -> {
            if (role == Viewer.Role.PARTNER) {
                Existence.require(tx, NodeType.AGENCY, List.of(agencyId), "agencyId");
            }
            return ApiKey.from(tx.run(CREATE, params).single().get("k"));
        });
        return new Issued(key, secret);
    }

    /** The key's record when {@code presented} is a key that works now; empty for anything else. */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = presented.indexOf('_', PREFIX.length());
        if (separator < 0) {
            return Optional.empty();
        }
        var id = NodeType.API_KEY.prefix() + "_" + presented.substring(PREFIX.length(), separator);
        return graph.read(tx -> tx.run(BY_ID, Map.of("id", id)).stream().findFirst()
                .filter(r -> MessageDigest.isEqual(r.get("hash").asString().getBytes(StandardCharsets.US_ASCII),
                        sha256(presented).getBytes(StandardCharsets.US_ASCII)))
                .map(r -> ApiKey.from(r.get("k")))
                .filter(ApiKey::active));
    }

    /** Keys newest first; {@code agencyId} narrows them to one agency's. */
    public List<ApiKey> list(String agencyId) {
        var params = new HashMap<String, Object>();
        params.put("agencyId", agencyId);
        return graph.read(tx -> tx.run(LIST, params).list(r -> ApiKey.from(r.get("k"))));
    }

    public Optional<ApiKey> byId(String id) {
        return graph.read(tx -> tx.run(BY_ID, Map.of("id", id)).stream().findFirst().map(r -> ApiKey.from(r.get("k"))));
    }

    /** Stops a key for good; revoking twice keeps the first time. */
    public ApiKey revoke(String id) {
        return graph.write(tx -> tx.run(REVOKE, Map.of("id", id)).stream().findFirst().map(r -> ApiKey.from(r.get("k")))
                .orElseThrow(() -> new NotFoundException("id", id)));
    }

    public void touch(String id, OffsetDateTime at) {
        graph.write(tx -> tx.run(TOUCH, Map.of("id", id, "at", at)).consume());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
