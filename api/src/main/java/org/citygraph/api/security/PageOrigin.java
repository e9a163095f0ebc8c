package org.citygraph.api.security;

import java.net.URI;
import java.util.List;

import org.springframework.http.server.ServerHttpRequest;

/**
 * Whether a WebSocket handshake comes from a page of this hub (or of an allowed origin). A browser
 * sends its session cookie with any page's handshake, so the cookie may count only then: otherwise
 * another site's page could ride on it (cross-site WebSocket hijacking).
 */
public final class PageOrigin {

    private PageOrigin() {
    }

    public static boolean trusted(ServerHttpRequest request, List<String> allowedOrigins) {
        var origin = request.getHeaders().getOrigin();
        if (origin == null) {
            return false;
        }
        if (allowedOrigins.contains(origin)) {
            return true;
        }
        try {
            var uri = URI.create(origin);
            var host = request.getHeaders().getHost();
            return host != null && uri.getHost() != null && uri.getHost().equalsIgnoreCase(host.getHostString())
                    && port(uri) == (host.getPort() == 0 ? defaultPort(uri) : host.getPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? defaultPort(uri) : uri.getPort();
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
