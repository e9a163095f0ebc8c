package org.citygraph.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Viewer;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified JWT into a {@link ViewerAuthentication}. The hub's own tokens carry one role;
 * an external issuer's carry a list at a configurable claim path, of which the strongest known
 * role counts. An external token without a known role reads as an anonymous viewer.
 */
class JwtViewerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.OAuth2 oauth2;

    JwtViewerConverter(SecurityProperties.OAuth2 oauth2) {
        this.oauth2 = oauth2;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Viewer.Role role;
        String agencyId;
        String name = firstNonBlank(jwt.getClaimAsString("name"), jwt.getClaimAsString("preferred_username"), jwt.getSubject());
        if (TokenService.ISSUER.equals(jwt.getClaimAsString("iss"))) {
            role = Viewer.Role.valueOf(jwt.getClaimAsString("role"));
            agencyId = jwt.getClaimAsString("agency");
        } else {
            role = strongest(claimAt(jwt.getClaims(), oauth2.rolesClaim()));
            agencyId = jwt.getClaimAsString(oauth2.agencyClaim());
        }
        if (role == Viewer.Role.PARTNER && agencyId == null) {
            role = Viewer.Role.PUBLIC;
        }
        return new ViewerAuthentication(new Viewer(jwt.getSubject(), name, role, role == Viewer.Role.PARTNER || role == Viewer.Role.STAFF ? agencyId : null),
                jwt.getExpiresAt());
    }

    static Viewer.Role strongest(Object roles) {
        Collection<?> values = roles instanceof Collection<?> c ? c : roles == null ? List.of() : List.of(roles);
        var best = Viewer.Role.PUBLIC;
        for (var value : values) {
            var text = String.valueOf(value).toUpperCase().replace("ROLE_", "").replace("CITYGRAPH_", "");
            for (var role : Viewer.Role.values()) {
                if (role.name().equals(text) && role.ordinal() > best.ordinal()) {
                    best = role;
                }
            }
        }
        return best;
    }

    private static Object claimAt(Map<String, Object> claims, String path) {
        Object current = claims;
        for (var part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String firstNonBlank(String... values) {
        for (var value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
