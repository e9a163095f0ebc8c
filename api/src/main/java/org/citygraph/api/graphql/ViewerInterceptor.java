package org.citygraph.api.graphql;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.citygraph.api.event.RealtimeProperties;
import org.citygraph.api.event.SharedSubscriptions;
import org.citygraph.api.security.TokenAuthenticator;
import org.citygraph.api.security.Viewers;
import org.citygraph.api.websocket.WebSocketSessions;
import org.citygraph.graph.Viewer;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;

import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts the {@link Viewer} of a request into the GraphQL context, where controllers read it with
 * {@code @ContextValue Viewer viewer}. Over HTTP it comes from Spring Security. Over WebSocket it
 * is settled once, at {@code connection_init}: a token in the payload ({@code Authorization} or
 * {@code token}), else the browser's session cookie seen at the handshake, else anonymous; a bad
 * token closes the connection with 4401, and a connection is closed when its token expires. It
 * also caps the subscriptions one connection may hold.
 */
@Component
public class ViewerInterceptor implements WebSocketGraphQlInterceptor {

    /** The GraphQL context key of the viewer. */
    public static final String VIEWER = "viewer";
    /** The GraphQL context key of the WebSocket session id, for subscriptions that must close their connection. */
    public static final String SESSION_ID = "webSocketSessionId";
    /** The GraphQL context key of the client's network address, for the limits of public intake. */
    public static final String CLIENT_ADDRESS = "clientAddress";

    private static final String SUBSCRIPTIONS = "subscriptionIds";

    private final TokenAuthenticator tokens;
    private final WebSocketSessions sessions;
    private final RealtimeProperties properties;
    private final SharedSubscriptions sharing;

    public ViewerInterceptor(TokenAuthenticator tokens, WebSocketSessions sessions, RealtimeProperties properties,
                             SharedSubscriptions sharing) {
        this.sharing = sharing;
        this.tokens = tokens;
        this.sessions = sessions;
        this.properties = properties;
    }

    /** The viewer of a request, from its GraphQL context (batch loaders receive the context, not arguments). */
    public static Viewer viewer(graphql.GraphQLContext context) {
        Viewer viewer = context.get(VIEWER);
        return viewer == null ? Viewer.ANONYMOUS : viewer;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        // An error signal (not a thrown exception) makes Spring close the connection with 4401.
        return Mono.fromCallable(() -> initialize(session, payload));
    }

    private Object initialize(WebSocketSessionInfo session, Map<String, Object> payload) {
        var token = token(payload);
        Viewer viewer;
        Instant expiresAt;
        if (token != null) {
            var auth = tokens.authenticate(token);
            viewer = auth.viewer();
            expiresAt = auth.expiresAt();
        } else {
            viewer = (Viewer) session.getAttributes().get("handshakeViewer");
            expiresAt = (Instant) session.getAttributes().get("expiresAt");
            if (viewer == null) {
                viewer = Viewer.ANONYMOUS;
            }
        }
        session.getAttributes().put(VIEWER, viewer);
        session.getAttributes().put(SUBSCRIPTIONS, ConcurrentHashMap.newKeySet());
        if (expiresAt != null) {
            sessions.closeAt(session.getId(), expiresAt, WebSocketSessions.TOKEN_EXPIRED);
        }
        return Map.of("role", viewer.role().name());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest ws)) {
            var viewer = Viewers.current();
            var address = request.getRemoteAddress();
            request.configureExecutionInput((input, builder) -> {
                input.getGraphQLContext().put(VIEWER, viewer);
                if (address != null) {
                    input.getGraphQLContext().put(CLIENT_ADDRESS, address.getAddress().getHostAddress());
                }
                return input;
            });
            return chain.next(request);
        }
        var attributes = ws.getSessionInfo().getAttributes();
        var viewer = (Viewer) attributes.getOrDefault(VIEWER, Viewer.ANONYMOUS);
        @SuppressWarnings("unchecked")
        var active = (Set<String>) attributes.computeIfAbsent(SUBSCRIPTIONS, k -> ConcurrentHashMap.newKeySet());
        if (active.size() >= properties.maxSubscriptionsPerConnection()) {
            var error = GraphqlErrorBuilder.newError().message("A connection may hold at most "
                    + properties.maxSubscriptionsPerConnection() + " subscriptions; complete one first.")
                    .extensions(Map.of("code", "TOO_MANY_SUBSCRIPTIONS")).build();
            // The subscription's publisher is never subscribed, so nothing starts.
            return chain.next(request).map(response -> response.transform(b -> b.data(null).errors(java.util.List.of(error))));
        }
        var sessionId = ws.getSessionInfo().getId();
        var address = ws.getSessionInfo().getRemoteAddress();
        // A shared execution serves many connections: it must not close the first one's on their behalf.
        var shared = sharing.shareable(request);
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(VIEWER, viewer);
            if (address != null) {
                input.getGraphQLContext().put(CLIENT_ADDRESS, address.getAddress().getHostAddress());
            }
            if (!shared) {
                input.getGraphQLContext().put(SESSION_ID, sessionId);
            }
            return input;
        });
        var id = request.getId();
        var execution = shared ? sharing.subscribe(request, viewer, sessionId, () -> chain.next(request)) : chain.next(request);
        return execution.map(response -> {
            if (response.getExecutionResult().getData() instanceof org.reactivestreams.Publisher<?> publisher) {
                active.add(id);
                return response.transform(b -> b.data(Flux.from(publisher).doFinally(s -> active.remove(id))));
            }
            return response;
        });
    }

    @Override
    public Mono<Void> handleCancelledSubscription(WebSocketSessionInfo session, String id) {
        @SuppressWarnings("unchecked")
        var active = (Set<String>) session.getAttributes().get(SUBSCRIPTIONS);
        if (active != null) {
            active.remove(id);
        }
        return Mono.empty();
    }

    private static String token(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        for (var key : new String[] {"Authorization", "authorization", "token"}) {
            if (payload.get(key) instanceof String value && !value.isBlank()) {
                return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value.strip();
            }
        }
        return null;
    }
}
