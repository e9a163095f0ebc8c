package org.citygraph.graph.feed;

import java.time.Duration;

/**
 * A feed as an admin registers or changes it; for changes, {@code null} leaves a field as it is.
 *
 * @param publisherId the agency that publishes the feed, if any
 */
public record FeedDraft(String url, String title, String language, Duration pollInterval, Boolean enabled,
                        String publisherId) {
}
