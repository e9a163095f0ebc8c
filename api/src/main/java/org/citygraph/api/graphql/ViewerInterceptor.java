package org.citygraph.api.graphql;

import org.citygraph.api.security.Viewers;
import org.citygraph.graph.Viewer;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Puts the {@link Viewer} of a request into the GraphQL context, where controllers read it with
 * {@code @ContextValue Viewer viewer}: from Spring Security for HTTP, from the WebSocket session
 * (authenticated once, at connection_init) for subscriptions.
 */
@Component
public class ViewerInterceptor implements WebGraphQlInterceptor {

    /** The GraphQL context key of the viewer. */
    public static final String VIEWER = "viewer";

    /** The viewer of a request, from its GraphQL context (batch loaders receive the context, not arguments). */
    public static Viewer viewer(graphql.GraphQLContext context) {
        Viewer viewer = context.get(VIEWER);
        return viewer == null ? Viewer.ANONYMOUS : viewer;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Viewer viewer = request instanceof WebSocketGraphQlRequest ws
                ? (Viewer) ws.getSessionInfo().getAttributes().getOrDefault(VIEWER, Viewer.ANONYMOUS)
                : Viewers.current();
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(VIEWER, viewer);
            return input;
        });
        return chain.next(request);
    }
}
