package org.citygraph.graph.feed;

import static org.citygraph.graph.Values.integer;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * A news source the hub polls, with the state of its polling.
 *
 * @param etag              the ETag of the last answer, sent back as If-None-Match
 * @param lastModified      the Last-Modified of the last answer, sent back as If-Modified-Since
 * @param consecutiveErrors failed polls since the last success; the wait before the next poll doubles with each
 * @param lastErrorKind     a stable code: INVALID_URL, BLOCKED_ADDRESS, TIMEOUT, TOO_LARGE, HTTP_STATUS, MALFORMED, ...
 */
public record Feed(String id, String url, String title, String language, Duration pollInterval, boolean enabled,
                   String etag, String lastModified, OffsetDateTime lastFetchAt, OffsetDateTime lastSuccessAt,
                   int consecutiveErrors, String lastErrorKind, String lastErrorMessage, OffsetDateTime nextPollAt,
                   OffsetDateTime createdAt, int itemCount) implements GraphNode {

    public static Feed from(Value node) {
        Integer interval = integer(node.get("pollIntervalSeconds"));
        Integer errors = integer(node.get("consecutiveErrors"));
        Integer items = integer(node.get("itemCount"));
        return new Feed(string(node.get("id")), string(node.get("url")), string(node.get("title")),
                string(node.get("language")), Duration.ofSeconds(interval == null ? 900 : interval),
                node.get("enabled").asBoolean(true), string(node.get("etag")), string(node.get("lastModified")),
                time(node.get("lastFetchAt")), time(node.get("lastSuccessAt")), errors == null ? 0 : errors,
                string(node.get("lastErrorKind")), string(node.get("lastErrorMessage")), time(node.get("nextPollAt")),
                time(node.get("createdAt")), items == null ? 0 : items);
    }

    public long pollIntervalSeconds() {
        return pollInterval.toSeconds();
    }

    /** Healthy when the last poll worked (or none has run yet). */
    public boolean healthy() {
        return consecutiveErrors == 0;
    }
}
