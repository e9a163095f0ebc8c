package org.citygraph.api.websocket;

import java.util.ArrayList;
import java.util.Map;

import org.citygraph.api.event.RealtimeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * GraphQL over WebSocket ({@code graphql-transport-ws}) at the same path as HTTP. Spring for
 * GraphQL's handler speaks the protocol; the hub wraps it to track sessions (to close them with a
 * clear code) and to note, at the handshake, who the browser's session cookie belongs to.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, RealtimeProperties properties) {
        return new GraphQlWebSocketHandler(handler, new JacksonJsonHttpMessageConverter(),
                properties.connectionInitTimeout(), properties.keepAlive());
    }

    @Bean
    HandlerMapping graphQlWebSocketMapping(GraphQlWebSocketHandler handler, WebSocketSessions sessions,
                                           HandshakeViewer handshakeViewer, RealtimeProperties properties) {
        var handshake = new DefaultHandshakeHandler();
        var original = handler.initWebSocketHttpRequestHandler(handshake);
        var requestHandler = new WebSocketHttpRequestHandler(sessions.track(handler), handshake);
        var interceptors = new ArrayList<>(original.getHandshakeInterceptors());
        interceptors.add(handshakeViewer);
        requestHandler.setHandshakeInterceptors(interceptors);
        var mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(properties.websocketPath(), requestHandler));
        // Only upgrade requests: GET /graphql?query=... stays plain HTTP.
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-2);
        return mapping;
    }
}
