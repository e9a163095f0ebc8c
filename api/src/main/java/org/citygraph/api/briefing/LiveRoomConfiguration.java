package org.citygraph.api.briefing;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The live room socket at {@code /api/briefings/{id}/live} (upgrade requests only), without
 * per-message compression: its frames are a few hundred bytes, and compressing each one again for
 * each connection (browsers and {@code ws} ask for {@code permessage-deflate}) undid serializing it
 * once: under {@code bench/briefings} the delivery threads were found inside {@code Deflater}.
 */
@Configuration(proxyBeanMethods = false)
class LiveRoomConfiguration {

    static final String PATH = "/api/briefings/*/live";

    @Bean
    HandlerMapping liveRoomSocketMapping(LiveRoomSocket socket, LiveRoomHandshake handshake) {
        var handler = new WebSocketHttpRequestHandler(socket, new DefaultHandshakeHandler() {
            @Override
            protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request, List<WebSocketExtension> requested,
                                                                         List<WebSocketExtension> supported) {
                return List.of();
            }
        });
        handler.setHandshakeInterceptors(List.of(handshake));
        var mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(PATH, handler));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-2);
        return mapping;
    }
}
