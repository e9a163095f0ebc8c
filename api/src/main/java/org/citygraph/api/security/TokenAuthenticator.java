package org.citygraph.api.security;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Authenticates a bearer token outside the HTTP filter chain: for WebSocket clients, which send it
 * in the {@code connection_init} payload because browsers cannot set headers on a WebSocket.
 */
@Component
public class TokenAuthenticator {

    private final JwtDecoder decoder;
    private final JwtViewerConverter converter;

    public TokenAuthenticator(JwtDecoder decoder, SecurityProperties properties) {
        this.decoder = decoder;
        this.converter = new JwtViewerConverter(properties.oauth2());
    }

    /** The authentication for a valid token; throws {@link InvalidToken} for anything else, always with the same message. */
    public ViewerAuthentication authenticate(String token) {
        try {
            return (ViewerAuthentication) converter.convert(decoder.decode(token));
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidToken();
        }
    }

    /** Every rejection reads the same, so that a caller learns nothing about why. */
    public static class InvalidToken extends RuntimeException {
        public InvalidToken() {
            super("Unauthorized");
        }
    }
}
