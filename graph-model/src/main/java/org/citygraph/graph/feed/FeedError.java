package org.citygraph.graph.feed;

import java.time.OffsetDateTime;

/** One failed poll, kept (the last twenty per feed) so that an admin sees what went wrong and when. */
public record FeedError(OffsetDateTime at, String kind, String message) {
}
