package org.citygraph.api.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/**
 * GraphQL over HTTP with GET, as the GraphQL-over-HTTP specification describes it: the query,
 * variables and operation name in the URL, for queries only (a mutation by GET is refused with 405,
 * since GET must not change anything). Responses follow the same rules as POST: with
 * {@code Accept: application/graphql-response+json}, a request that cannot run is a 400.
 */
@Component
public class GraphQlGetHandler {

    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final WebGraphQlHandler handler;
    private final ObjectMapper json = new ObjectMapper();

    public GraphQlGetHandler(WebGraphQlHandler handler) {
        this.handler = handler;
    }

    @org.springframework.context.annotation.Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static RouterFunction<ServerResponse> graphQlGetRoute(GraphQlGetHandler getHandler) {
        return RouterFunctions.route(RequestPredicates.GET("/graphql").and(RequestPredicates.param("query", q -> true)),
                getHandler::handle);
    }

    ServerResponse handle(ServerRequest request) {
        var mediaType = responseType(request);
        var query = request.param("query").orElse("");
        var operationName = request.param("operationName").filter(s -> !s.isBlank()).orElse(null);
        Map<String, Object> variables;
        try {
            variables = request.param("variables").filter(s -> !s.isBlank())
                    .map(this::parseObject).orElse(Map.of());
        } catch (IllegalArgumentException e) {
            return badRequest(mediaType, "The variables parameter is not a JSON object.");
        }
        try {
            var document = Parser.parse(query);
            var operations = document.getDefinitionsOfType(OperationDefinition.class);
            var operation = operations.stream()
                    .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                    .findFirst();
            if (operation.isPresent() && operation.get().getOperation() != OperationDefinition.Operation.QUERY) {
                return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST").contentType(mediaType)
                        .body(errorBody("Only queries can be sent with GET; send mutations with POST.", "METHOD_NOT_ALLOWED"));
            }
        } catch (InvalidSyntaxException e) {
            // Let the engine report the syntax error in its usual shape.
        }
        var body = new HashMap<String, Object>();
        body.put("query", query);
        body.put("variables", variables);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        var servlet = request.servletRequest();
        var graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                cookies(request), null, request.attributes(), body, request.servletRequest().getRequestId(),
                servlet.getLocale());
        var response = handler.handleRequest(graphQlRequest).map(result -> {
            var status = result.getExecutionResult().isDataPresent() || mediaType.equals(MediaType.APPLICATION_JSON)
                    ? HttpStatus.OK : HttpStatus.BAD_REQUEST;
            return ServerResponse.status(status).contentType(mediaType).body(result.toMap());
        });
        return ServerResponse.async(response.toFuture());
    }

    /** As for POST: the new media type when the client asks for it, else plain JSON (the specification's legacy default). */
    private static MediaType responseType(ServerRequest request) {
        for (var type : request.headers().accept()) {
            if (type.isCompatibleWith(GRAPHQL_RESPONSE) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return GRAPHQL_RESPONSE;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    private Map<String, Object> parseObject(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ServerResponse badRequest(MediaType mediaType, String message) {
        return ServerResponse.badRequest().contentType(mediaType).body(errorBody(message, "BAD_REQUEST"));
    }

    private static Map<String, Object> errorBody(String message, String code) {
        return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpCookie> cookies(ServerRequest request) {
        var cookies = new org.springframework.util.LinkedMultiValueMap<String, org.springframework.http.HttpCookie>();
        request.cookies().forEach((name, values) -> values.forEach(c ->
                cookies.add(name, new org.springframework.http.HttpCookie(c.getName(), c.getValue()))));
        return cookies;
    }
}
