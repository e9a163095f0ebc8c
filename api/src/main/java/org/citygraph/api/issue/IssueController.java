package org.citygraph.api.issue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.event.EventViews;
import org.citygraph.api.event.Subscriptions;
import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.api.issue.IssueEvents.IssueEvent;
import org.citygraph.api.issue.IssueEvents.IssueEventFilter;
import org.citygraph.api.issue.IssueEvents.IssueEventKind;
import org.citygraph.api.graphql.Prefetch;
import org.citygraph.api.graphql.Related;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.Writes;
import org.citygraph.api.issue.IssueInputs.ChangeIssueStatusInput;
import org.citygraph.api.issue.IssueInputs.CreateIssueInput;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.api.issue.IssueInputs.IssuePayload;
import org.citygraph.api.issue.IssueInputs.LinkIssueInput;
import org.citygraph.api.issue.IssueInputs.UpdateIssueInput;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.read.PageArgs;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.Relation;
import org.citygraph.graph.issue.IssueQueries;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.district.District;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueCount;
import org.citygraph.graph.issue.IssueStatus;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.StatusChange;
import org.citygraph.graph.news.NewsItem;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

/** The {@code Issue} type: its queries, its relationships (batched), and the staff's mutations. */
@Controller
class IssueController {

    private final Issues issues;
    private final Reads reads;
    private final Related related;
    private final Writes writes;
    private final Subscriptions subscriptions;
    private final EventViews views;

    IssueController(Issues issues, Reads reads, Related related, Writes writes, Subscriptions subscriptions, EventViews views) {
        this.issues = issues;
        this.reads = reads;
        this.related = related;
        this.writes = writes;
        this.subscriptions = subscriptions;
        this.views = views;
    }

    // ------------------------------------------------------------------ queries

    @QueryMapping
    Connection<Issue> issues(@Argument IssueFilterInput filter, @Argument IssueOrderInput orderBy, @Argument Integer first,
                             @Argument String after, @Argument Integer last, @Argument String before,
                             @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var page = reads.page(viewer, NodeType.ISSUE, IssueQueries.rootQuery(IssueFilterInput.toFilter(filter),
                        IssueOrderInput.toOrder(orderBy)), new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env), Prefetch.planConnection(NodeType.ISSUE, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), page);
    }

    @QueryMapping
    Object issue(@Argument String id, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var loaded = reads.byIds(viewer, NodeType.ISSUE, List.of(id), Prefetch.plan(NodeType.ISSUE, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), loaded.get(id));
    }

    @QueryMapping
    List<IssueCount> issueCounts(@Argument IssueFilterInput filter, @Argument IssueCount.Dimension by,
                                 @ContextValue Viewer viewer) {
        return issues.counts(viewer, IssueFilterInput.toFilter(filter), by);
    }

    // ------------------------------------------------------------------ fields

    @SchemaMapping
    List<IssueStatus> allowedTransitions(Issue issue) {
        return issue.status().next().stream().toList();
    }

    @BatchMapping
    Map<Issue, List<District>> districts(List<Issue> list, GraphQLContext context) {
        return related.list(list, Relation.ISSUE_DISTRICTS, context);
    }

    @BatchMapping
    Map<Issue, Agency> owner(List<Issue> list, GraphQLContext context) {
        return related.one(list, Relation.ISSUE_OWNER, context);
    }

    @BatchMapping
    Map<Issue, List<Agency>> involvedAgencies(List<Issue> list, GraphQLContext context) {
        return related.list(list, Relation.ISSUE_INVOLVED, context);
    }

    @BatchMapping
    Map<Issue, List<Issue>> relatedIssues(List<Issue> list, GraphQLContext context) {
        return related.list(list, Relation.ISSUE_RELATED, context);
    }

    @BatchMapping
    Map<Issue, List<Dataset>> datasets(List<Issue> list, GraphQLContext context) {
        return related.list(list, Relation.ISSUE_DATASETS, context);
    }

    @BatchMapping
    Map<Issue, List<StatusChange>> history(List<Issue> list) {
        var histories = issues.history(list.stream().map(Issue::id).toList());
        var result = new java.util.LinkedHashMap<Issue, List<StatusChange>>();
        list.forEach(i -> result.put(i, histories.getOrDefault(i.id(), List.of())));
        return result;
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(Issue issue, @Argument Integer first, @Argument String after,
                                                 DataFetchingEnvironment env) {
        return related.page(env, Relation.ISSUE_NEWS, issue.id(),
                PageArgs.of(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    // ------------------------------------------------------------------ subscriptions

    @SubscriptionMapping
    Flux<IssueEvent> issueChanged(@Argument IssueEventFilter filter, @Argument Long after, @ContextValue Viewer viewer,
                                  @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        var wanted = filter == null ? IssueEventFilter.ALL : filter;
        return subscriptions.stream(after, sessionId).handle((event, sink) -> IssueEventKind.of(event.kind())
                .filter(wanted::allows)
                .filter(kind -> views.issueFacts(event).filter(facts -> wanted.matches(facts, event)).isPresent())
                .flatMap(kind -> views.issue(event, viewer).map(issue -> IssueEvent.of(event, kind, issue, viewer)))
                .ifPresent(sink::next));
    }

    // ------------------------------------------------------------------ mutations

    @MutationMapping
    IssuePayload createIssue(@Argument CreateIssueInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> issues.create(viewer, input.toDraft()), IssueController::ok, IssueController::refused);
    }

    @MutationMapping
    IssuePayload updateIssue(@Argument UpdateIssueInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> issues.update(viewer, input.id(), input.toChanges()), IssueController::ok, IssueController::refused);
    }

    @MutationMapping
    IssuePayload changeIssueStatus(@Argument ChangeIssueStatusInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> issues.changeStatus(viewer, input.id(), input.to(), input.note()),
                IssueController::ok, IssueController::refused);
    }

    @MutationMapping
    IssuePayload linkIssue(@Argument LinkIssueInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> issues.link(viewer, input.id(), input.targetIds()), IssueController::ok, IssueController::refused);
    }

    @MutationMapping
    IssuePayload unlinkIssue(@Argument LinkIssueInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> issues.unlink(viewer, input.id(), input.targetIds()), IssueController::ok, IssueController::refused);
    }

    private static IssuePayload ok(Issue issue) {
        return new IssuePayload(issue, List.of());
    }

    private static IssuePayload refused(List<org.citygraph.api.graphql.UserError> errors) {
        return new IssuePayload(null, errors);
    }

}
