package org.citygraph.api.agency;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.PagedLoaders;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.issue.IssueArgs;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.agency.AgencyKind;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Issues.AgencyRole;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.news.NewsItems;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;

/** The {@code Agency} type: lists, lookups and its relationships, each batched per level. */
@Controller
class AgencyController {

    static final String DATASETS = "Agency.datasets";
    static final String NEWS = "Agency.news";

    /** A plain page request under an agency, with the viewer that decides visibility. */
    record PageArgs(Viewer viewer, PageRequest page, boolean count) implements PagedLoaders.Counted {
    }

    private final Agencies agencies;
    private final Districts districts;

    AgencyController(Agencies agencies, Districts districts, Issues issues, Datasets datasets, NewsItems news,
                     BatchLoaderRegistry registry) {
        this.agencies = agencies;
        this.districts = districts;
        for (var role : AgencyRole.values()) {
            PagedLoaders.<IssueArgs, Issue>register(registry, issuesLoader(role), (ids, a) ->
                    issues.ofAgencies(a.viewer(), ids, role, a.filter(), a.order(), a.page(), a.count()));
        }
        PagedLoaders.<PageArgs, Dataset>register(registry, DATASETS, (ids, a) ->
                datasets.publishedBy(a.viewer(), ids, a.page(), a.count()));
        PagedLoaders.<PageArgs, NewsItem>register(registry, NEWS, (ids, a) ->
                news.mentioningAgencies(a.viewer(), ids, a.page(), a.count()));
    }

    @QueryMapping(name = "agencies")
    Connection<Agency> list(@Argument List<AgencyKind> kinds, @Argument String districtId, @Argument Integer first,
                            @Argument String after, @Argument Integer last, @Argument String before,
                            DataFetchingEnvironment env) {
        return Connection.of(agencies.list(kinds, districtId, new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    Agency agency(@Argument String id) {
        return agencies.byIds(List.of(id)).stream().findFirst().orElse(null);
    }

    @BatchMapping
    Map<Agency, Agency> parent(List<Agency> list) {
        return PagedLoaders.firstByParent(list, Agency::id, agencies.parentsOf(ids(list)));
    }

    @BatchMapping
    Map<Agency, List<Agency>> children(List<Agency> list) {
        return PagedLoaders.byParent(list, Agency::id, agencies.childrenOf(ids(list)));
    }

    @BatchMapping
    Map<Agency, List<District>> serves(List<Agency> list) {
        return PagedLoaders.byParent(list, Agency::id, districts.servedBy(ids(list)));
    }

    @SchemaMapping
    CompletableFuture<Connection<Issue>> issues(Agency agency, @Argument AgencyRole role, @Argument IssueFilterInput filter,
                                                @Argument IssueOrderInput orderBy, @Argument Integer first,
                                                @Argument String after, @Argument Integer last, @Argument String before,
                                                @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var args = IssueArgs.of(viewer, filter, orderBy, new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env));
        return PagedLoaders.load(env, issuesLoader(role == null ? AgencyRole.ANY : role), agency.id(), args);
    }

    @SchemaMapping
    CompletableFuture<Connection<Dataset>> datasets(Agency agency, @Argument Integer first, @Argument String after,
                                                    @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        return PagedLoaders.load(env, DATASETS, agency.id(),
                new PageArgs(viewer, new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(Agency agency, @Argument Integer first, @Argument String after,
                                                 @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        return PagedLoaders.load(env, NEWS, agency.id(),
                new PageArgs(viewer, new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    private static String issuesLoader(AgencyRole role) {
        return "Agency.issues." + role.name();
    }

    private static List<String> ids(List<Agency> list) {
        return list.stream().map(Agency::id).toList();
    }
}
