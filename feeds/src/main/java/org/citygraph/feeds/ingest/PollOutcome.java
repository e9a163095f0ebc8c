package org.citygraph.feeds.ingest;

import org.citygraph.graph.feed.Feed;

/**
 * What one poll of one feed did.
 *
 * @param notModified the server answered 304
 * @param errorKind   the failure's stable code, when the poll failed
 */
public record PollOutcome(Feed feed, boolean notModified, int entries, int created, int updated, int unchanged,
                          String errorKind, String errorMessage) {

    public boolean failed() {
        return errorKind != null;
    }
}
