package org.citygraph.api.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Who may do what ({@code citygraph.security.*}).
 *
 * @param tokenSecret    the HMAC key for the hub's own tokens (at least 32 bytes); empty to keep a
 *                       generated one in the graph, shared by every instance
 * @param tokenTtl       how long a login token lives
 * @param cookieName     the session cookie of the web client
 * @param secureCookies  mark cookies Secure (set when the hub is served over https)
 * @param adminPassword  the first admin's password; empty to generate one and print it once
 * @param allowedOrigins origins whose pages may open the WebSocket with the session cookie
 * @param oauth2         an external OpenID Connect issuer (Keycloak and the like)
 */
@Validated
@ConfigurationProperties("citygraph.security")
public record SecurityProperties(
        String tokenSecret,
        @NotNull @DefaultValue("30m") Duration tokenTtl,
        @DefaultValue("CITYGRAPH_SESSION") String cookieName,
        @DefaultValue("false") boolean secureCookies,
        String adminPassword,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue OAuth2 oauth2) {

    /**
     * Tokens from an external issuer.
     *
     * @param issuerUri   the issuer, e.g. https://sso.example.go.kr/realms/city; empty to accept only the hub's own tokens
     * @param rolesClaim  where the roles are, as a dotted path (Keycloak: realm_access.roles)
     * @param agencyClaim the claim that names a partner's agency by public id
     */
    public record OAuth2(String issuerUri, @DefaultValue("roles") String rolesClaim,
                         @DefaultValue("agency") String agencyClaim) {
    }
}
