package org.citygraph.api.webhook;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.api.event.EventViews;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.webhook.Webhook;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a webhook receives for an event: nothing when its filter does not match or its audience may
 * not see the subject; else a JSON document with the event and the subject as the audience sees it.
 * The same viewer rules as queries and subscriptions decide, through {@link EventViews}.
 */
@Component
class WebhookPayloads {

    private final EventViews views;
    private final ObjectMapper json = new ObjectMapper();

    WebhookPayloads(EventViews views) {
        this.views = views;
    }

    /** The body to POST, or empty when the webhook does not receive this event. */
    Optional<byte[]> payload(Webhook webhook, GraphEvent event) {
        var filter = webhook.filter();
        if (!filter.kinds().isEmpty() && !filter.kinds().contains(event.kind().name())) {
            return Optional.empty();
        }
        var viewer = webhook.viewer();
        Optional<Map<String, Object>> data = switch (event.kind()) {
            case ISSUE_CREATED, ISSUE_UPDATED, ISSUE_STATUS_CHANGED, ISSUE_LINKED, ISSUE_UNLINKED -> views.issueFacts(event)
                    .filter(facts -> matches(filter.districtIds(), facts.districtIds(), event)
                            && matches(filter.agencyIds(), facts.agencyIds(), event)
                            && (filter.categories().isEmpty() || filter.categories().contains(facts.category().name()))
                            && (filter.minSeverity() == null || facts.severity().rank() >= Severity.valueOf(filter.minSeverity()).rank()))
                    .flatMap(facts -> views.issue(event, viewer).map(issue -> {
                        var map = new LinkedHashMap<String, Object>();
                        map.put("id", issue.id());
                        map.put("title", issue.title());
                        map.put("summary", issue.summary());
                        map.put("category", issue.category().name());
                        map.put("severity", issue.severity().name());
                        map.put("status", issue.status().name());
                        map.put("visibility", issue.visibility().name());
                        map.put("createdAt", text(issue.createdAt()));
                        map.put("updatedAt", text(issue.updatedAt()));
                        map.put("resolvedAt", text(issue.resolvedAt()));
                        map.put("districtIds", List.copyOf(facts.districtIds()));
                        map.put("agencyIds", List.copyOf(facts.agencyIds()));
                        return map;
                    }));
            case NEWS_PUBLISHED, NEWS_UPDATED -> views.newsFacts(event)
                    .filter(facts -> matches(filter.districtIds(), facts.districtIds(), null)
                            && matches(filter.agencyIds(), facts.agencyIds(), null))
                    .flatMap(facts -> views.newsItem(event).map(item -> {
                        var map = new LinkedHashMap<String, Object>();
                        map.put("id", item.id());
                        map.put("title", item.title());
                        map.put("link", item.link());
                        map.put("source", item.source());
                        map.put("language", item.language());
                        map.put("publishedAt", text(item.publishedAt()));
                        map.put("summary", item.summary());
                        map.put("districtIds", List.copyOf(facts.districtIds()));
                        map.put("agencyIds", List.copyOf(facts.agencyIds()));
                        return map;
                    }));
            // The complaint record holds no contact details: a webhook never carries them, whatever its audience.
            case COMPLAINT_RECEIVED, COMPLAINT_UPDATED -> views.complaint(event)
                    .filter(c -> (filter.districtIds().isEmpty() || c.districtId() != null
                                    && views.districtLineage(c.districtId()).stream().anyMatch(filter.districtIds()::contains))
                            && (filter.agencyIds().isEmpty() || filter.agencyIds().contains(c.agencyId()))
                            && (filter.categories().isEmpty() || filter.categories().contains(c.category().name())))
                    .map(c -> {
                        var map = new LinkedHashMap<String, Object>();
                        map.put("id", c.id());
                        map.put("serviceCode", c.serviceCode());
                        map.put("serviceName", c.serviceName());
                        map.put("category", c.category().name());
                        map.put("description", c.description());
                        map.put("status", c.status().name());
                        map.put("statusNotes", c.statusNotes());
                        map.put("requestedAt", text(c.requestedAt()));
                        map.put("updatedAt", text(c.updatedAt()));
                        map.put("address", c.address());
                        map.put("latitude", c.latitude());
                        map.put("longitude", c.longitude());
                        map.put("mediaUrl", c.mediaUrl());
                        map.put("districtId", c.districtId());
                        map.put("agencyId", c.agencyId());
                        return map;
                    });
            case COMMENT_ADDED, COMMENT_HIDDEN -> Optional.empty();
            case DATASET_CREATED, DATASET_UPDATED -> views.datasetFacts(event)
                    .filter(facts -> matches(filter.districtIds(), facts.districtIds(), null)
                            && (filter.agencyIds().isEmpty() || filter.agencyIds().contains(facts.publisherId())))
                    .flatMap(facts -> views.dataset(event, viewer).map(dataset -> {
                        var map = new LinkedHashMap<String, Object>();
                        map.put("id", dataset.id());
                        map.put("title", dataset.title());
                        map.put("description", dataset.description());
                        map.put("themes", dataset.themes());
                        map.put("keywords", dataset.keywords());
                        map.put("accessLevel", dataset.accessLevel().name());
                        map.put("modifiedAt", text(dataset.modifiedAt()));
                        map.put("publisherId", facts.publisherId());
                        return map;
                    }));
            // Not offered to webhooks yet: new observations arrive in bulk and have their own subscription.
            case INDICATOR_UPDATED -> java.util.Optional.<Map<String, Object>>empty();
        };
        return data.map(d -> body(webhook, event.seq(), event.at(), event.kind().name(), event.subjectId(),
                event.fields(), visibleRelated(webhook, event), d));
    }

    /** A test delivery: the same envelope with kind PING and no sequence number. */
    byte[] ping(Webhook webhook) {
        return body(webhook, null, OffsetDateTime.now(), "PING", null, List.of(), List.of(),
                Map.of("message", "A test event from CityGraph. It changes nothing."));
    }

    /** The delivery's idempotency id: the same event to the same webhook always has the same one. */
    static String deliveryId(Webhook webhook, Long seq) {
        return webhook.id() + "-" + (seq == null ? "ping-" + System.currentTimeMillis() : seq);
    }

    private byte[] body(Webhook webhook, Long seq, OffsetDateTime at, String kind, String subjectId, List<String> fields,
                        List<String> relatedIds, Map<String, Object> data) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", deliveryId(webhook, seq));
        envelope.put("webhookId", webhook.id());
        envelope.put("seq", seq);
        envelope.put("at", text(at));
        envelope.put("kind", kind);
        envelope.put("subjectId", subjectId);
        envelope.put("changedFields", fields == null ? List.of() : fields);
        envelope.put("relatedIds", relatedIds);
        envelope.put("data", data);
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ids an event links or unlinks. Districts and agencies are public; an issue id is shown only to
     * staff audiences, since the issue may be internal.
     */
    private static List<String> visibleRelated(Webhook webhook, GraphEvent event) {
        if (webhook.audience() == Webhook.Audience.STAFF) {
            return event.relatedIds();
        }
        return event.relatedIds().stream().filter(id -> NodeType.ofId(id).filter(t -> t != NodeType.ISSUE).isPresent()).toList();
    }

    /** An empty wanted list matches; else one of the subject's ids (or, for link events, the ids linked). */
    private static boolean matches(List<String> wanted, Collection<String> actual, GraphEvent event) {
        return wanted.isEmpty() || wanted.stream().anyMatch(actual::contains)
                || event != null && wanted.stream().anyMatch(event.relatedIds()::contains);
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
