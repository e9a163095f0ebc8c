package org.citygraph.api.graphql;

import java.util.Map;

import graphql.execution.AbortExecutionException;

/** A request refused before execution, with a stable code in its extensions. */
class QueryRejected extends AbortExecutionException {

    private final String code;

    QueryRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code, "classification", "BAD_REQUEST");
    }
}
