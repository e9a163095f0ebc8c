package org.citygraph.api.websocket;

import java.util.Map;

import org.citygraph.api.security.PageOrigin;
import org.citygraph.api.security.SecurityProperties;
import org.citygraph.api.security.ViewerAuthentication;
import org.citygraph.graph.Viewer;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Notes, at the WebSocket handshake, the viewer that the browser's session cookie authenticated.
 * It counts only when the page that opens the socket comes from this hub (or an allowed origin):
 * another site's page cannot ride on the cookie (cross-site WebSocket hijacking). Clients that
 * are not browsers authenticate in {@code connection_init} instead.
 */
@Component
class HandshakeViewer implements HandshakeInterceptor {

    static final String ATTRIBUTE = "handshakeViewer";

    private final SecurityProperties properties;

    HandshakeViewer(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ViewerAuthentication auth
                && PageOrigin.trusted(request, properties.allowedOrigins())) {
            attributes.put(ATTRIBUTE, auth.viewer());
            var expiry = auth.expiresAt();
            if (expiry != null) {
                attributes.put("expiresAt", expiry);
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    static Viewer of(Map<String, Object> attributes) {
        return (Viewer) attributes.get(ATTRIBUTE);
    }
}
