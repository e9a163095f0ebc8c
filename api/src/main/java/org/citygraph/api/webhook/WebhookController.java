package org.citygraph.api.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.api.event.EventStream;
import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Forbidden;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.UserError;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;
import org.citygraph.graph.Graph;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.webhook.Webhook;
import org.citygraph.graph.webhook.WebhookDraft;
import org.citygraph.graph.webhook.WebhookFilter;
import org.citygraph.graph.webhook.Webhooks;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;

/**
 * The {@code Webhook} type. Admins manage every webhook; a partner manages its own agency's, whose
 * events are always seen through that agency's eyes.
 */
@Controller
class WebhookController {

    /** The schema's {@code WebhookFilterInput}. */
    record FilterInput(List<EventKind> kinds, List<String> districtIds, List<String> agencyIds, List<IssueCategory> categories,
                       Severity minSeverity) {

        WebhookFilter toFilter() {
            return new WebhookFilter(kinds == null ? null : kinds.stream().map(Enum::name).toList(), districtIds, agencyIds,
                    categories == null ? null : categories.stream().map(Enum::name).toList(),
                    minSeverity == null ? null : minSeverity.name());
        }
    }

    /** The schema's {@code CreateWebhookInput} and {@code UpdateWebhookInput}. */
    record WebhookInput(String id, String url, String description, Webhook.Audience audience, String agencyId,
                        FilterInput filter, Boolean enabled) {
    }

    /** The schema's {@code WebhookFilter}. */
    record FilterView(List<String> kinds, List<String> districtIds, List<String> agencyIds, List<String> categories,
                      String minSeverity) {
    }

    record CreateWebhookPayload(Webhook webhook, String secret, List<UserError> errors) {
    }

    record WebhookPayload(Webhook webhook, List<UserError> errors) {
    }

    record RemoveWebhookPayload(String removedId, List<UserError> errors) {
    }

    record TestWebhookPayload(Boolean ok, Integer status, String error, Long milliseconds, List<UserError> errors) {
    }

    private final Webhooks webhooks;
    private final Agencies agencies;
    private final WebhookDispatcher dispatcher;
    private final EventStream stream;
    private final Graph graph;

    WebhookController(Webhooks webhooks, Agencies agencies, WebhookDispatcher dispatcher, EventStream stream, Graph graph) {
        this.webhooks = webhooks;
        this.agencies = agencies;
        this.dispatcher = dispatcher;
        this.stream = stream;
        this.graph = graph;
    }

    @QueryMapping(name = "webhooks")
    Connection<Webhook> list(@Argument Integer first, @Argument String after, @Argument Integer last, @Argument String before,
                             @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        requireManager(viewer);
        var agencyId = viewer.role() == Viewer.Role.PARTNER ? viewer.agencyId() : null;
        return Connection.of(webhooks.list(agencyId, new PageRequest(first, after, last, before), Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    Webhook webhook(@Argument String id, @ContextValue Viewer viewer) {
        requireManager(viewer);
        return webhooks.byId(id).filter(w -> mayManage(viewer, w)).orElse(null);
    }

    @MutationMapping
    CreateWebhookPayload createWebhook(@Argument WebhookInput input, @ContextValue Viewer viewer) {
        requireManager(viewer);
        var audience = input.audience();
        var agencyId = input.agencyId();
        if (viewer.role() == Viewer.Role.PARTNER) {
            if (audience != null && audience != Webhook.Audience.PARTNER || agencyId != null && !agencyId.equals(viewer.agencyId())) {
                return new CreateWebhookPayload(null, null, List.of(new UserError(List.of("input", "audience"), "FORBIDDEN",
                        "A partner's webhooks receive what its own agency may see.")));
            }
            audience = Webhook.Audience.PARTNER;
            agencyId = viewer.agencyId();
        } else if (audience == null) {
            audience = Webhook.Audience.PUBLIC;
        }
        var secret = WebhookSignature.newSecret();
        try {
            var draft = new WebhookDraft(input.url(), input.description(), audience, agencyId,
                    input.filter() == null ? null : input.filter().toFilter(), true);
            // events from now on: a new webhook does not receive the past
            var webhook = webhooks.create(viewer, draft, secret, Outbox.latest(graph));
            return new CreateWebhookPayload(webhook, secret, List.of());
        } catch (InvalidInputException e) {
            return new CreateWebhookPayload(null, null, UserError.of(e));
        }
    }

    @MutationMapping
    WebhookPayload updateWebhook(@Argument WebhookInput input, @ContextValue Viewer viewer) {
        var refused = owned(viewer, input.id());
        if (refused != null) {
            return new WebhookPayload(null, refused);
        }
        try {
            var changes = new WebhookDraft(input.url(), input.description(), null, null,
                    input.filter() == null ? null : input.filter().toFilter(), input.enabled());
            var updated = webhooks.update(input.id(), changes);
            dispatcher.wake();
            return new WebhookPayload(updated, List.of());
        } catch (InvalidInputException e) {
            return new WebhookPayload(null, UserError.of(e));
        }
    }

    @MutationMapping
    RemoveWebhookPayload removeWebhook(@Argument String id, @ContextValue Viewer viewer) {
        var refused = owned(viewer, id);
        if (refused != null) {
            return new RemoveWebhookPayload(null, refused);
        }
        webhooks.remove(id);
        return new RemoveWebhookPayload(id, List.of());
    }

    @MutationMapping
    CreateWebhookPayload rotateWebhookSecret(@Argument String id, @ContextValue Viewer viewer) {
        var refused = owned(viewer, id);
        if (refused != null) {
            return new CreateWebhookPayload(null, null, refused);
        }
        var secret = WebhookSignature.newSecret();
        return new CreateWebhookPayload(webhooks.rotateSecret(id, secret), secret, List.of());
    }

    @MutationMapping
    TestWebhookPayload testWebhook(@Argument String id, @ContextValue Viewer viewer) {
        var refused = owned(viewer, id);
        if (refused != null) {
            return new TestWebhookPayload(null, null, null, null, refused);
        }
        var attempt = dispatcher.test(webhooks.byId(id).orElseThrow());
        return new TestWebhookPayload(attempt.ok(), attempt.status(), attempt.error(), attempt.millis(), List.of());
    }

    @SchemaMapping
    FilterView filter(Webhook webhook) {
        var f = webhook.filter();
        return new FilterView(f.kinds(), f.districtIds(), f.agencyIds(), f.categories(), f.minSeverity());
    }

    @SchemaMapping
    long backlog(Webhook webhook) {
        return Math.max(0, stream.position() - webhook.cursor());
    }

    @BatchMapping
    Map<Webhook, Agency> agency(List<Webhook> list) {
        var byId = new LinkedHashMap<String, Agency>();
        agencies.byIds(list.stream().map(Webhook::agencyId).filter(a -> a != null).distinct().toList()).forEach(a -> byId.put(a.id(), a));
        var result = new LinkedHashMap<Webhook, Agency>();
        list.forEach(w -> {
            if (w.agencyId() != null && byId.containsKey(w.agencyId())) {
                result.put(w, byId.get(w.agencyId()));
            }
        });
        return result;
    }

    /** Null when the viewer may manage the webhook; else the error to answer (the same whether it exists or not). */
    private List<UserError> owned(Viewer viewer, String id) {
        requireManager(viewer);
        var found = webhooks.byId(id).filter(w -> mayManage(viewer, w));
        return found.isPresent() ? null
                : List.of(new UserError(List.of("id"), "NOT_FOUND", "No webhook with id '" + id + "' exists or it is not yours."));
    }

    private static boolean mayManage(Viewer viewer, Webhook webhook) {
        return viewer.role() == Viewer.Role.ADMIN
                || viewer.role() == Viewer.Role.PARTNER && viewer.agencyId() != null && viewer.agencyId().equals(webhook.agencyId());
    }

    private static void requireManager(Viewer viewer) {
        if (viewer.role() != Viewer.Role.ADMIN && viewer.role() != Viewer.Role.PARTNER) {
            boolean anonymous = viewer.role() == Viewer.Role.PUBLIC;
            throw new Forbidden(anonymous, anonymous ? "Log in first." : "Only administrators and partner accounts manage webhooks.");
        }
    }
}
