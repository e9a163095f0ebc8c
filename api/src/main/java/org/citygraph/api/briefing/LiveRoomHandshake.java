package org.citygraph.api.briefing;

import java.util.Map;
import java.util.regex.Pattern;

import org.citygraph.api.security.SecurityConfiguration;
import org.citygraph.api.security.PageOrigin;
import org.citygraph.api.security.SecurityProperties;
import org.citygraph.api.security.ViewerAuthentication;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Notes, at the handshake of a live room socket, which briefing it is for and who opens it: the
 * caller the security filters authenticated, by an {@code Authorization} or {@code X-API-Key}
 * header (programs), or by the browser's session cookie. The cookie counts only when the page that
 * opens the socket comes from this hub or an allowed origin, so that another site's page cannot
 * ride on it (cross-site WebSocket hijacking); a header cannot be set by another site's page.
 * Whether that caller may enter the room is decided when the socket opens ({@link LiveRoomSocket}).
 */
@Component
class LiveRoomHandshake implements HandshakeInterceptor {

    static final String BRIEFING = "briefing.id";
    static final String VIEWER = "briefing.viewer";
    static final String EXPIRES = "briefing.expiresAt";

    private static final Pattern PATH = Pattern.compile("/api/briefings/([^/]+)/live/?");

    private final SecurityProperties properties;

    LiveRoomHandshake(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        var matcher = PATH.matcher(request.getURI().getPath());
        if (!matcher.matches()) {
            return false;
        }
        attributes.put(BRIEFING, matcher.group(1));
        var headers = request.getHeaders();
        boolean byHeader = headers.containsHeader("Authorization") || headers.containsHeader(SecurityConfiguration.API_KEY_HEADER);
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ViewerAuthentication auth
                && (byHeader || PageOrigin.trusted(request, properties.allowedOrigins()))) {
            attributes.put(VIEWER, auth.viewer());
            if (auth.expiresAt() != null) {
                attributes.put(EXPIRES, auth.expiresAt());
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
