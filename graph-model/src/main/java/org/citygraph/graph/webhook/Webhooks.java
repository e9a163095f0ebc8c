package org.citygraph.graph.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;

/**
 * Webhooks and the state of their delivery. A dispatcher claims webhooks that have events to send
 * (a lease, so that several instances never send one webhook's events twice at once), sends them in
 * order, and records how far it got: the cursor moves only past events that were acknowledged or
 * that the webhook does not receive.
 */
public final class Webhooks {

    public static final int MAX_URL = 2000;
    public static final int MAX_DESCRIPTION = 500;

    private static final String BY_ID = "MATCH (w:Webhook {id: $id}) RETURN w";

    private static final String LIST = """
            MATCH (w:Webhook)
            WHERE ($agencyId IS NULL OR w.agencyId = $agencyId) AND %s
            RETURN w ORDER BY %s LIMIT $limit""";

    private static final String COUNT = """
            MATCH (w:Webhook)
            WHERE $agencyId IS NULL OR w.agencyId = $agencyId
            RETURN count(w) AS total""";

    private static final String CREATE = """
            CREATE (w:Webhook {id: $id, url: $url, description: $description, audience: $audience, agencyId: $agencyId,
                               kinds: $kinds, districtIds: $districtIds, agencyIds: $agencyIds, categories: $categories,
                               minSeverity: $minSeverity, enabled: $enabled, cursor: $cursor, consecutiveFailures: 0,
                               secret: $secret, nextAttemptAt: datetime(), createdAt: datetime(), createdBy: $createdBy})
            RETURN w""";

    private static final String UPDATE = """
            MATCH (w:Webhook {id: $id})
            SET w += $props
            RETURN w""";

    private static final String REMOVE = """
            MATCH (w:Webhook {id: $id})
            DETACH DELETE w
            RETURN count(*) AS removed""";

    private static final String SECRET = "MATCH (w:Webhook {id: $id}) RETURN w.secret AS secret";

    private static final String CLAIM = """
            MATCH (w:Webhook)
            WHERE w.enabled AND w.nextAttemptAt <= $now AND w.cursor < $latest
            WITH w ORDER BY w.nextAttemptAt LIMIT $limit
            SET w.nextAttemptAt = $leaseUntil
            RETURN w""";

    private static final String EARLIEST = """
            MATCH (w:Webhook)
            WHERE w.enabled AND w.cursor < $latest
            RETURN min(w.nextAttemptAt) AS earliest""";

    private static final String PROGRESS = """
            MATCH (w:Webhook {id: $id})
            SET w.cursor = CASE WHEN $cursor > w.cursor THEN $cursor ELSE w.cursor END, w.nextAttemptAt = $next
            WITH w
            CALL (w) {
              WITH w WHERE $deliveredAt IS NOT NULL
              SET w.lastSuccessAt = $deliveredAt, w.consecutiveFailures = 0
            }
            RETURN w""";

    private static final String FAILURE = """
            MATCH (w:Webhook {id: $id})
            SET w.cursor = CASE WHEN $cursor > w.cursor THEN $cursor ELSE w.cursor END,
                w.consecutiveFailures = coalesce(w.consecutiveFailures, 0) + 1,
                w.lastFailureAt = $at, w.lastFailure = $reason, w.nextAttemptAt = $next
            WITH w
            CALL (w) {
              WITH w WHERE w.consecutiveFailures >= $maxFailures
              SET w.enabled = false,
                  w.disabledReason = 'Disabled after ' + w.consecutiveFailures + ' failed deliveries in a row; the last: ' + $reason
            }
            RETURN w""";

    private final Graph graph;

    public Webhooks(Graph graph) {
        this.graph = graph;
    }

    public Optional<Webhook> byId(String id) {
        return graph.read(tx -> tx.run(BY_ID, Map.of("id", id)).stream().findFirst().map(r -> Webhook.from(r.get("w"))));
    }

    /** Webhooks by creation, newest first; {@code agencyId} limits them to one partner's. */
    public Page<Webhook> list(String agencyId, PageRequest page, boolean count) {
        var keyset = Keyset.of("w", "createdAt", true, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("agencyId", agencyId);
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(keyset.predicate(), keyset.orderBy()), params).list(r -> Webhook.from(r.get("w")));
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, w -> new Cursor(w.createdAt(), w.id()), total);
        });
    }

    /**
     * Registers a webhook that receives events after {@code cursor}.
     *
     * @param secret the key its deliveries are signed with; the caller shows it once
     */
    public Webhook create(Viewer actor, WebhookDraft draft, String secret, long cursor) {
        var errors = new ArrayList<FieldError>();
        if (draft.url() == null || draft.url().isBlank()) {
            errors.add(error("url", "REQUIRED", "Give the URL that receives the events."));
        }
        if (draft.audience() == null) {
            errors.add(error("audience", "REQUIRED", "Say whose view the events are seen through."));
        }
        validate(draft, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var filter = draft.filter() == null ? WebhookFilter.ALL : draft.filter();
        var params = new HashMap<String, Object>();
        params.put("id", NodeType.WEBHOOK.newId());
        params.put("url", draft.url().strip());
        params.put("description", blankToNull(draft.description()));
        params.put("audience", draft.audience().name());
        params.put("agencyId", draft.audience() == Webhook.Audience.PARTNER ? draft.agencyId() : null);
        putFilter(params, filter);
        params.put("enabled", draft.enabled() == null || draft.enabled());
        params.put("cursor", cursor);
        params.put("secret", secret);
        params.put("createdBy", actor.userId());
        return graph.write(tx -> {
            requireReferences(tx, draft);
            return Webhook.from(tx.run(CREATE, params).single().get("w"));
        });
    }

    public Webhook update(String id, WebhookDraft changes) {
        var errors = new ArrayList<FieldError>();
        validate(changes, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var props = new HashMap<String, Object>();
        if (changes.url() != null) {
            props.put("url", changes.url().strip());
        }
        if (changes.description() != null) {
            props.put("description", blankToNull(changes.description()));
        }
        if (changes.filter() != null) {
            putFilter(props, changes.filter());
        }
        if (changes.enabled() != null) {
            props.put("enabled", changes.enabled());
            if (changes.enabled()) {
                // back in service: start over with retries, from where delivery stopped
                props.put("consecutiveFailures", 0);
                props.put("disabledReason", null);
                props.put("nextAttemptAt", OffsetDateTime.now());
            }
        }
        return graph.write(tx -> {
            requireReferences(tx, changes);
            return tx.run(UPDATE, Map.of("id", id, "props", props)).stream().findFirst().map(r -> Webhook.from(r.get("w")))
                    .orElseThrow(() -> new NotFoundException("id", id));
        });
    }

    public void remove(String id) {
        if (graph.write(tx -> tx.run(REMOVE, Map.of("id", id)).single().get("removed").asLong()) == 0) {
            throw new NotFoundException("id", id);
        }
    }

    /** The key a webhook's deliveries are signed with. */
    public Optional<String> secret(String id) {
        return graph.read(tx -> tx.run(SECRET, Map.of("id", id)).stream().findFirst().map(r -> r.get("secret").asString()));
    }

    public Webhook rotateSecret(String id, String secret) {
        return graph.write(tx -> tx.run(UPDATE, Map.of("id", id, "props", Map.of("secret", secret))).stream().findFirst()
                .map(r -> Webhook.from(r.get("w"))).orElseThrow(() -> new NotFoundException("id", id)));
    }

    /** Takes up to {@code limit} enabled webhooks that are behind {@code latest} and due, until {@code leaseUntil}. */
    public List<Webhook> claimDue(OffsetDateTime now, long latest, int limit, OffsetDateTime leaseUntil) {
        return graph.write(tx -> tx.run(CLAIM, Map.of("now", now, "latest", latest, "limit", limit, "leaseUntil", leaseUntil))
                .list(r -> Webhook.from(r.get("w"))));
    }

    /** When the next enabled webhook that is behind {@code latest} is due; empty when none is behind. */
    public Optional<OffsetDateTime> earliestAttempt(long latest) {
        return graph.read(tx -> {
            var value = tx.run(EARLIEST, Map.of("latest", latest)).single().get("earliest");
            return value.isNull() ? Optional.<OffsetDateTime>empty() : Optional.of(value.asOffsetDateTime());
        });
    }

    /** Moves the cursor past events handled; {@code deliveredAt} is set when at least one was acknowledged. */
    public Webhook recordProgress(String id, long cursor, OffsetDateTime deliveredAt, OffsetDateTime next) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("cursor", cursor);
        params.put("deliveredAt", deliveredAt);
        params.put("next", next);
        return graph.write(tx -> Webhook.from(tx.run(PROGRESS, params).single().get("w")));
    }

    /** Records a failed delivery; the webhook is disabled once {@code maxFailures} failures follow each other. */
    public Webhook recordFailure(String id, long cursor, OffsetDateTime at, String reason, OffsetDateTime next, int maxFailures) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("cursor", cursor);
        params.put("at", at);
        params.put("reason", reason.length() > 300 ? reason.substring(0, 300) : reason);
        params.put("next", next);
        params.put("maxFailures", maxFailures);
        return graph.write(tx -> Webhook.from(tx.run(FAILURE, params).single().get("w")));
    }

    private static void validate(WebhookDraft draft, List<FieldError> errors) {
        if (draft.url() != null && !draft.url().isBlank()) {
            var url = draft.url().strip();
            if (url.length() > MAX_URL || !isHttpUrl(url)) {
                errors.add(error("url", "INVALID_URL", "Give an absolute http or https URL."));
            }
        }
        if (draft.description() != null && draft.description().length() > MAX_DESCRIPTION) {
            errors.add(error("description", "TOO_LONG", "The description is longer than " + MAX_DESCRIPTION + " characters."));
        }
        if (draft.audience() == Webhook.Audience.PARTNER && (draft.agencyId() == null || draft.agencyId().isBlank())) {
            errors.add(error("agencyId", "REQUIRED", "A partner webhook belongs to an agency."));
        }
    }

    private static void requireReferences(Graph.Tx tx, WebhookDraft draft) {
        if (draft.audience() == Webhook.Audience.PARTNER && draft.agencyId() != null) {
            Existence.require(tx, NodeType.AGENCY, List.of(draft.agencyId()), "agencyId");
        }
        if (draft.filter() != null) {
            Existence.require(tx, NodeType.DISTRICT, draft.filter().districtIds(), "filter.districtIds");
            Existence.require(tx, NodeType.AGENCY, draft.filter().agencyIds(), "filter.agencyIds");
        }
    }

    private static void putFilter(Map<String, Object> params, WebhookFilter filter) {
        params.put("kinds", filter.kinds());
        params.put("districtIds", filter.districtIds());
        params.put("agencyIds", filter.agencyIds());
        params.put("categories", filter.categories());
        params.put("minSeverity", filter.minSeverity());
    }

    private static boolean isHttpUrl(String url) {
        try {
            var uri = new URI(url);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }
}
