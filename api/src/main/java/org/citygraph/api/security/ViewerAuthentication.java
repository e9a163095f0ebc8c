package org.citygraph.api.security;

import java.time.Instant;
import java.util.List;

import org.citygraph.graph.Viewer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller, as the graph model sees it: a {@link Viewer}. */
public final class ViewerAuthentication extends AbstractAuthenticationToken {

    private final Viewer viewer;
    private final Instant expiresAt;

    /** @param expiresAt when the credential stops working; {@code null} when it does not expire (API keys until revoked) */
    public ViewerAuthentication(Viewer viewer, Instant expiresAt) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + viewer.role().name())));
        this.viewer = viewer;
        this.expiresAt = expiresAt;
        setAuthenticated(true);
    }

    public Viewer viewer() {
        return viewer;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return viewer.userId();
    }

    @Override
    public String getName() {
        return viewer.name();
    }
}
