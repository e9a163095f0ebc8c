package org.citygraph.api.graphql;

/** The viewer may not do this: anonymous callers get UNAUTHENTICATED, others FORBIDDEN. */
public class Forbidden extends RuntimeException {

    private final boolean anonymous;

    public Forbidden(boolean anonymous, String message) {
        super(message);
        this.anonymous = anonymous;
    }

    public boolean anonymous() {
        return anonymous;
    }
}
