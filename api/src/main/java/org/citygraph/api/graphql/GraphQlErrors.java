package org.citygraph.api.graphql;

import java.util.Map;
import java.util.UUID;

import org.citygraph.api.event.EventStream;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * The one place where unexpected failures become GraphQL errors, each with a stable
 * {@code extensions.code}. Internal errors say only that they happened and a reference to the log;
 * exception text and Cypher never reach the client.
 */
@ControllerAdvice
public class GraphQlErrors {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlErrors.class);

    @GraphQlExceptionHandler
    GraphQLError notFound(NotFoundException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.NOT_FOUND, "NOT_FOUND", e.getMessage(), Map.of());
    }

    @GraphQlExceptionHandler
    GraphQLError invalidInput(InvalidInputException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.BAD_REQUEST, "BAD_USER_INPUT", e.getMessage(), Map.of("errors", UserError.of(e).stream()
                .map(u -> Map.of("field", u.field(), "code", u.code(), "message", u.message())).toList()));
    }

    @GraphQlExceptionHandler
    GraphQLError forbidden(Forbidden e, DataFetchingEnvironment env) {
        return e.anonymous()
                ? error(env, ErrorType.UNAUTHORIZED, "UNAUTHENTICATED", e.getMessage(), Map.of())
                : error(env, ErrorType.FORBIDDEN, "FORBIDDEN", e.getMessage(), Map.of());
    }

    /** A subscription resumed from an event that is no longer kept. */
    @GraphQlExceptionHandler
    GraphQLError replayWindowExceeded(EventStream.ReplayWindowExceeded e) {
        return GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(e.getMessage())
                .extensions(Map.of("code", "REPLAY_WINDOW_EXCEEDED", "classification", "BAD_REQUEST")).build();
    }

    /** A subscriber fell too far behind; its WebSocket is being closed with 4429. */
    @GraphQlExceptionHandler
    GraphQLError slowSubscriber(EventStream.SlowSubscriber e) {
        return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR).message(e.getMessage())
                .extensions(Map.of("code", "SLOW_SUBSCRIBER", "classification", "INTERNAL_ERROR")).build();
    }

    @GraphQlExceptionHandler
    GraphQLError internal(Exception e, DataFetchingEnvironment env) {
        var reference = UUID.randomUUID().toString();
        LOG.error("Internal error {} at {}", reference, env.getExecutionStepInfo().getPath(), e);
        return error(env, ErrorType.INTERNAL_ERROR, "INTERNAL", "Internal error; reference " + reference + ".", Map.of());
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String code, String message,
                                      Map<String, Object> more) {
        var extensions = new java.util.LinkedHashMap<String, Object>();
        extensions.put("code", code);
        extensions.put("classification", type.name());
        extensions.putAll(more);
        return GraphqlErrorBuilder.newError(env).errorType(type).message(message).extensions(extensions).build();
    }
}
