package org.citygraph.graph.webhook;

/**
 * A webhook as it is registered or changed; for changes, {@code null} leaves a field as it is.
 */
public record WebhookDraft(String url, String description, Webhook.Audience audience, String agencyId,
                           WebhookFilter filter, Boolean enabled) {
}
