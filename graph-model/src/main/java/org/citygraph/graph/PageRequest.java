package org.citygraph.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A Relay-style page request: {@code first}/{@code after} forwards, {@code last}/{@code before}
 * backwards. Cursors are opaque keyset positions ({@link Cursor}), so a deep page costs what the
 * first page costs.
 */
public record PageRequest(Integer first, String after, Integer last, String before) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static final PageRequest FIRST_PAGE = new PageRequest(null, null, null, null);

    public PageRequest {
        var errors = new ArrayList<InvalidInputException.FieldError>();
        if (first != null && last != null) {
            errors.add(error("last", "Pass either first or last, not both."));
        }
        if (first != null && (first < 0 || first > MAX_SIZE)) {
            errors.add(error("first", "first must be between 0 and " + MAX_SIZE + "."));
        }
        if (last != null && (last < 0 || last > MAX_SIZE)) {
            errors.add(error("last", "last must be between 0 and " + MAX_SIZE + "."));
        }
        if (after != null && before != null) {
            errors.add(error("before", "Pass either after or before, not both."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    public static PageRequest first(int n) {
        return new PageRequest(n, null, null, null);
    }

    /** Paging backwards from the end (or from {@code before}). */
    public boolean backward() {
        return last != null || (before != null && first == null);
    }

    public int size() {
        if (backward()) {
            return last != null ? last : DEFAULT_SIZE;
        }
        return first != null ? first : DEFAULT_SIZE;
    }

    /** The cursor to continue from, in the direction of travel, or {@code null} for the start. */
    public Cursor cursor() {
        var raw = backward() ? before : after;
        return raw == null ? null : Cursor.decode(raw, backward() ? "before" : "after");
    }

    private static InvalidInputException.FieldError error(String field, String message) {
        return new InvalidInputException.FieldError(List.of(field), "INVALID_PAGE", message);
    }
}
