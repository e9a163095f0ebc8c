package org.citygraph.api.briefing;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/** The live room socket at {@code /api/briefings/{id}/live} (upgrade requests only). */
@Configuration(proxyBeanMethods = false)
class LiveRoomConfiguration {

    static final String PATH = "/api/briefings/*/live";

    @Bean
    HandlerMapping liveRoomSocketMapping(LiveRoomSocket socket, LiveRoomHandshake handshake) {
        var handler = new WebSocketHttpRequestHandler(socket, new DefaultHandshakeHandler());
        handler.setHandshakeInterceptors(List.of(handshake));
        var mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(PATH, handler));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-2);
        return mapping;
    }
}
