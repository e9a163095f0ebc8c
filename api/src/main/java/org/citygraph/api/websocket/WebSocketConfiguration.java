package org.citygraph.api.websocket;

import java.util.ArrayList;
import java.util.Map;

import org.citygraph.api.event.RealtimeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.citygraph.api.graphql.QueryLimitsProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
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
        SessionSchedulers.install();
        return new GraphQlWebSocketHandler(handler, new WebSocketMessageConverter(),
                properties.connectionInitTimeout(), properties.keepAlive());
    }

    @Bean
    HandlerMapping graphQlWebSocketMapping(GraphQlWebSocketHandler handler, WebSocketSessions sessions,
                                           HandshakeViewer handshakeViewer, RealtimeProperties properties,
                                           QueryLimitsProperties limits) {
        var handshake = new DefaultHandshakeHandler();
        var original = handler.initWebSocketHttpRequestHandler(handshake);
        var requestHandler = new WebSocketHttpRequestHandler(sessions.track(handler,
                properties.bufferPerSubscription(), 4 * limits.maxDocumentChars()), handshake);
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

    /**
     * The container's buffers per connection. Messages arrive in parts of this size and are joined
     * by {@link WebSocketSessions#track}, so small buffers limit memory, not message length: ten
     * thousand idle subscribers would otherwise hold 8 KB of bytes and 8 K chars each, twice.
     */
    /**
     * Tomcat's own buffers per connection: 8 KB to read and 8 KB to write by default. Requests and
     * WebSocket messages are small; larger responses simply take more writes.
     */
    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", "4096");
            connector.setProperty("socket.appWriteBufSize", "4096");
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }
}
