package org.citygraph.api.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.citygraph.graph.user.ApiKey;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.ApiKeys;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Turns an API key into the same claims as the hub's own tokens, so that a key authenticates
 * through the one path every credential takes (HTTP, WebSocket {@code connection_init}).
 * Checked keys are remembered for ten seconds: a revoked key stops working within that time on
 * other instances, at once on this one. Last use is written at most once a minute per key.
 */
@Component
public class ApiKeyAuthenticator {

    private static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiKeys keys;
    private final Cache<String, Optional<ApiKey>> checked = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBER).build();
    private final Cache<String, Instant> touched = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TOUCH_EVERY).build();

    public ApiKeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(ApiKeys.PREFIX);
    }

    /** The key as a JWT of the hub's own issuer; {@link BadJwtException} (read as 401) for anything that is not a working key. */
    public Jwt decode(String token) {
        var key = checked.get(token, keys::authenticate).orElseThrow(() -> new BadJwtException("Unauthorized"));
        if (touched.asMap().putIfAbsent(key.id(), Instant.now()) == null) {
            keys.touch(key.id(), OffsetDateTime.now());
        }
        var jwt = Jwt.withTokenValue(token).header("alg", "none")
                .issuer(TokenService.ISSUER).subject(key.id()).claim("name", key.name()).claim("role", key.role().name())
                .issuedAt(key.createdAt().toInstant());
        if (key.agencyId() != null) {
            jwt.claim("agency", key.agencyId());
        }
        if (key.expiresAt() != null) {
            jwt.expiresAt(key.expiresAt().toInstant());
        }
        return jwt.build();
    }

    /**
     * The viewer of a key given outside the Authorization header, as Open311 clients send theirs
     * ({@code api_key}); empty for anything that is not a working key.
     */
    public Optional<Viewer> viewerOf(String token) {
        if (!isApiKey(token)) {
            return Optional.empty();
        }
        return checked.get(token, keys::authenticate)
                .filter(key -> key.expiresAt() == null || key.expiresAt().isAfter(OffsetDateTime.now()))
                .map(key -> new Viewer(key.id(), key.name(), key.role(),
                        key.role() == Viewer.Role.PARTNER || key.role() == Viewer.Role.STAFF ? key.agencyId() : null));
    }

    /** Forgets what was remembered about a key, so that its revocation holds at once here. */
    public void forget(String keyId) {
        checked.asMap().entrySet().removeIf(e -> e.getValue().map(k -> k.id().equals(keyId)).orElse(false));
    }
}
