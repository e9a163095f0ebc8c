package org.citygraph.graph;

import java.util.List;

/**
 * Input that the graph model refuses, with one message per offending field. The API turns it into
 * field-level errors of a mutation payload, or a {@code BAD_USER_INPUT} error of a query.
 */
public class InvalidInputException extends RuntimeException {

    /** One problem with one input field; {@code field} is a path such as {@code ["input", "title"]}. */
    public record FieldError(List<String> field, String code, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String code, String message) {
        this(List.of(new FieldError(List.of(field), code, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
