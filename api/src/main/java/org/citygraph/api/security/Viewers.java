package org.citygraph.api.security;

import org.citygraph.graph.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The viewer of the current request, from Spring Security's context; anonymous when nobody logged in. */
public final class Viewers {

    private Viewers() {
    }

    public static Viewer current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Viewer of(Authentication authentication) {
        return authentication instanceof ViewerAuthentication va ? va.viewer() : Viewer.ANONYMOUS;
    }
}
