package org.citygraph.feeds.fetch;

/** Why a fetch failed, in words an admin can act on; {@code kind} is stable for machines. */
public class FetchFailure extends RuntimeException {

    /** The kinds of failure, recorded on the feed. */
    public enum Kind {
        INVALID_URL, BLOCKED_ADDRESS, DNS, CONNECT, TIMEOUT, TOO_LARGE, TOO_MANY_REDIRECTS, HTTP_STATUS, NETWORK
    }

    private final Kind kind;

    public FetchFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FetchFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
