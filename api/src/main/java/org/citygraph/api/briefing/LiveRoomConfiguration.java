package org.citygraph.api.briefing;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The live room socket at {@code /api/briefings/{id}/live} (upgrade requests only), without
 * per-message compression: its frames are a few hundred bytes, and compressing each one again for
 * each connection (browsers and {@code ws} ask for {@code permessage-deflate}) undid serializing it
 * once: under {@code bench/briefings} the delivery threads were found inside {@code Deflater}.
 * Tomcat negotiates the extension itself from the request's header (Spring's extension filter does
 * not reach it), so the header is hidden from the upgrade of this path.
 */
@Configuration(proxyBeanMethods = false)
class LiveRoomConfiguration {

    static final String PATH = "/api/briefings/*/live";
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

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

    @Bean
    FilterRegistrationBean<Filter> liveRoomWithoutCompression() {
        Filter filter = (request, response, chain) -> {
            if (request instanceof HttpServletRequest http && http.getRequestURI().endsWith("/live")
                    && http.getHeader(EXTENSIONS) != null) {
                request = new WithoutExtensions(http);
            }
            chain.doFilter(request, response);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/briefings/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The request as if the client had asked for no WebSocket extensions. */
    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !EXTENSIONS.equalsIgnoreCase(n)).toList());
        }
    }
}
