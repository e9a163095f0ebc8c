package org.citygraph.api.security;

import java.util.List;

import org.citygraph.graph.Viewer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller, as the graph model sees it: a {@link Viewer}. */
public final class ViewerAuthentication extends AbstractAuthenticationToken {

    private final Viewer viewer;

    public ViewerAuthentication(Viewer viewer) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + viewer.role().name())));
        this.viewer = viewer;
        setAuthenticated(true);
    }

    public Viewer viewer() {
        return viewer;
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
