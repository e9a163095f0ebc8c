package org.citygraph.graph.webhook;

import static org.citygraph.graph.Values.integer;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Viewer;
import org.neo4j.driver.Value;

/**
 * A partner system's URL that receives the hub's events as signed JSON POSTs, in sequence order,
 * from its own durable cursor: what it has not acknowledged is retried, never skipped.
 *
 * @param audience            whose eyes the events are seen through: events and data the audience may
 *                            not see are never sent
 * @param agencyId            the partner agency, when the audience is a partner
 * @param cursor              the sequence number of the last event handled (delivered, or not matching)
 * @param consecutiveFailures failed attempts since the last success; the wait doubles with each
 * @param disabledReason      why the hub stopped delivering, when it did so by itself
 */
public record Webhook(String id, String url, String description, Audience audience, String agencyId, WebhookFilter filter,
                      boolean enabled, String disabledReason, long cursor, int consecutiveFailures,
                      OffsetDateTime lastSuccessAt, OffsetDateTime lastFailureAt, String lastFailure,
                      OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, String createdBy) implements GraphNode {

    /** Who a webhook delivers for. */
    public enum Audience { PUBLIC, PARTNER, STAFF }

    /** The viewer whose visibility rules decide what the webhook may receive. */
    public Viewer viewer() {
        return switch (audience) {
            case STAFF -> new Viewer(null, "webhook " + id, Viewer.Role.STAFF, null);
            case PARTNER -> new Viewer(null, "webhook " + id, Viewer.Role.PARTNER, agencyId);
            case PUBLIC -> Viewer.ANONYMOUS;
        };
    }

    public static Webhook from(Value node) {
        Integer failures = integer(node.get("consecutiveFailures"));
        var filter = new WebhookFilter(strings(node.get("kinds")), strings(node.get("districtIds")), strings(node.get("agencyIds")),
                strings(node.get("categories")), string(node.get("minSeverity")));
        return new Webhook(string(node.get("id")), string(node.get("url")), string(node.get("description")),
                Audience.valueOf(string(node.get("audience"))), string(node.get("agencyId")), filter,
                node.get("enabled").asBoolean(true), string(node.get("disabledReason")), node.get("cursor").asLong(0),
                failures == null ? 0 : failures, time(node.get("lastSuccessAt")), time(node.get("lastFailureAt")),
                string(node.get("lastFailure")), time(node.get("nextAttemptAt")), time(node.get("createdAt")),
                string(node.get("createdBy")));
    }
}
