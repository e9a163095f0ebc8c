package org.citygraph.feeds.parse;

/** The bytes are not a feed the hub can read; nothing of them is stored. */
public class FeedParseFailure extends RuntimeException {

    /** Stable kinds, recorded on the feed. */
    public enum Kind { NOT_A_FEED, MALFORMED, DOCTYPE_REFUSED }

    private final Kind kind;

    public FeedParseFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
