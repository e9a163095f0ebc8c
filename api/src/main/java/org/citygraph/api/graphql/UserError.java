package org.citygraph.api.graphql;

import java.util.List;

import org.citygraph.graph.InvalidInputException;

/** The schema's {@code UserError}: one refused input field of a mutation. */
public record UserError(List<String> field, String code, String message) {

    public static List<UserError> of(InvalidInputException e) {
        return e.errors().stream().map(f -> new UserError(f.field(), f.code(), f.message())).toList();
    }
}
