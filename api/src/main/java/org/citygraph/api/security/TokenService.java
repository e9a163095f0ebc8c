package org.citygraph.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Secrets;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * The hub's own login tokens: short-lived JWTs signed with HMAC-SHA256. The key comes from
 * configuration or is generated once and kept in the graph, so every instance accepts every
 * other's tokens.
 */
@Component
public class TokenService {

    /** The issuer claim of the hub's own tokens. */
    public static final String ISSUER = "citygraph";

    /** A token and when it stops working. */
    public record Token(String value, Instant expiresAt) {
    }

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final SecurityProperties properties;

    public TokenService(SecurityProperties properties, Secrets secrets) {
        this.properties = properties;
        SecretKey key = new SecretKeySpec(keyBytes(properties, secrets), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        this.decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    }

    public Token issue(Viewer viewer) {
        var now = Instant.now();
        var expires = now.plus(properties.tokenTtl());
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(viewer.userId())
                .issuedAt(now)
                .expiresAt(expires)
                .claim("name", viewer.name())
                .claim("role", viewer.role().name());
        if (viewer.agencyId() != null) {
            claims.claim("agency", viewer.agencyId());
        }
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        var value = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new Token(value, expires);
    }

    /** Verifies signature, issuer and expiry of the hub's own tokens. */
    public JwtDecoder decoder() {
        return decoder;
    }

    private static byte[] keyBytes(SecurityProperties properties, Secrets secrets) {
        if (properties.tokenSecret() != null && !properties.tokenSecret().isBlank()) {
            var bytes = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("citygraph.security.token-secret must be at least 32 bytes long");
            }
            return bytes;
        }
        return Base64.getUrlDecoder().decode(secrets.getOrCreate("token-signing-key", 32));
    }
}
