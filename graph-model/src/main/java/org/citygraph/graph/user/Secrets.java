package org.citygraph.graph.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.citygraph.graph.Graph;

/**
 * Secrets the hub makes for itself and every instance must share (the key that signs login tokens),
 * kept in the graph. The first instance to ask creates it; the uniqueness constraint on the name
 * makes a second creation fail, and the retry reads the winner's.
 */
public final class Secrets {

    private static final String READ = "MATCH (s:Secret {name: $name}) RETURN s.value AS value";
    private static final String CREATE = "CREATE (s:Secret {name: $name, value: $value, createdAt: datetime()}) RETURN s.value AS value";

    private final Graph graph;

    public Secrets(Graph graph) {
        this.graph = graph;
    }

    /** The named secret: {@code bytes} random bytes, base64url, made on first use. */
    public String getOrCreate(String name, int bytes) {
        var existing = graph.read(tx -> tx.run(READ, Map.of("name", name)).list(r -> r.get("value").asString()));
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        var random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        var value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            return graph.write(tx -> tx.run(CREATE, Map.of("name", name, "value", value)).single().get("value").asString());
        } catch (RuntimeException raced) {
            return graph.read(tx -> tx.run(READ, Map.of("name", name)).single().get("value").asString());
        }
    }
}
