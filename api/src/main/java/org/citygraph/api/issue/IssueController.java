package org.citygraph.api.issue;

import static org.citygraph.api.graphql.ViewerInterceptor.viewer;

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
import org.citygraph.api.graphql.PagedLoaders;
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
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueCount;
import org.citygraph.graph.issue.IssueStatus;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.StatusChange;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.news.NewsItems;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

/** The {@code Issue} type: its queries, its relationships (batched), and the staff's mutations. */
@Controller
class IssueController {

    static final String NEWS_OF_ISSUE = "Issue.news";

    /** The arguments of a paged news field under an issue. */
    record NewsArgs(PageRequest page, boolean count) implements PagedLoaders.Counted {
    }

    private final Issues issues;
    private final Districts districts;
    private final Agencies agencies;
    private final Datasets datasets;
    private final Writes writes;
    private final Subscriptions subscriptions;
    private final EventViews views;

    IssueController(Issues issues, Districts districts, Agencies agencies, Datasets datasets, NewsItems news,
                    Writes writes, Subscriptions subscriptions, EventViews views, BatchLoaderRegistry registry) {
        this.subscriptions = subscriptions;
        this.views = views;
        this.issues = issues;
        this.districts = districts;
        this.agencies = agencies;
        this.datasets = datasets;
        this.writes = writes;
        PagedLoaders.<NewsArgs, NewsItem>register(registry, NEWS_OF_ISSUE,
                (ids, args) -> news.mentioningIssues(Viewer.ANONYMOUS, ids, args.page(), args.count()));
    }

    // ------------------------------------------------------------------ queries

    @QueryMapping
    Connection<Issue> issues(@Argument IssueFilterInput filter, @Argument IssueOrderInput orderBy, @Argument Integer first,
                             @Argument String after, @Argument Integer last, @Argument String before,
                             @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        return Connection.of(issues.list(viewer, IssueFilterInput.toFilter(filter), IssueOrderInput.toOrder(orderBy),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    Issue issue(@Argument String id, @ContextValue Viewer viewer) {
        return issues.byId(viewer, id).orElse(null);
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
    Map<Issue, List<District>> districts(List<Issue> list) {
        return PagedLoaders.byParent(list, Issue::id, districts.ofIssues(ids(list)));
    }

    @BatchMapping
    Map<Issue, Agency> owner(List<Issue> list) {
        return PagedLoaders.firstByParent(list, Issue::id, agencies.ownersOf(ids(list)));
    }

    @BatchMapping
    Map<Issue, List<Agency>> involvedAgencies(List<Issue> list) {
        return PagedLoaders.byParent(list, Issue::id, agencies.involvedIn(ids(list)));
    }

    @BatchMapping
    Map<Issue, List<Issue>> relatedIssues(List<Issue> list, GraphQLContext context) {
        return PagedLoaders.byParent(list, Issue::id, issues.relatedTo(viewer(context), ids(list)));
    }

    @BatchMapping
    Map<Issue, List<Dataset>> datasets(List<Issue> list, GraphQLContext context) {
        return PagedLoaders.byParent(list, Issue::id, datasets.evidencing(viewer(context), ids(list)));
    }

    @BatchMapping
    Map<Issue, List<StatusChange>> history(List<Issue> list) {
        return PagedLoaders.byParent(list, Issue::id, issues.history(ids(list)));
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(Issue issue, @Argument Integer first, @Argument String after,
                                                 DataFetchingEnvironment env) {
        return PagedLoaders.load(env, NEWS_OF_ISSUE, issue.id(),
                new NewsArgs(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    // ------------------------------------------------------------------ subscriptions

    @SubscriptionMapping
    Flux<IssueEvent> issueChanged(@Argument IssueEventFilter filter, @Argument Long after, @ContextValue Viewer viewer,
                                  @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        var wanted = filter == null ? IssueEventFilter.ALL : filter;
        return subscriptions.stream(after, sessionId).handle((event, sink) -> IssueEventKind.of(event.kind())
                .filter(wanted::allows)
                .filter(kind -> views.issueFacts(event).filter(facts -> wanted.matches(facts, event)).isPresent())
                .flatMap(kind -> views.issue(event, viewer).map(issue -> IssueEvent.of(event, kind, issue)))
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

    private static List<String> ids(List<Issue> list) {
        return list.stream().map(Issue::id).toList();
    }
}
