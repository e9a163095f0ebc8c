package org.citygraph.api.district;


import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.PagedLoaders;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.issue.IssueArgs;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.DistrictLevel;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.Issues;
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

/** The {@code District} type: lists, lookups and its relationships, each batched per level. */
@Controller
class DistrictController {

    static final String ISSUES = "District.issues";
    static final String ISSUES_DIRECT = "District.issues.direct";
    static final String DATASETS = "District.datasets";
    static final String NEWS = "District.news";

    /** A plain page request under a district, with the viewer that decides visibility. */
    record PageArgs(Viewer viewer, PageRequest page, boolean count) implements PagedLoaders.Counted {
    }

    private final Districts districts;
    private final Agencies agencies;

    DistrictController(Districts districts, Agencies agencies, Issues issues, Datasets datasets, NewsItems news,
                       BatchLoaderRegistry registry) {
        this.districts = districts;
        this.agencies = agencies;
        PagedLoaders.<IssueArgs, Issue>register(registry, ISSUES, (ids, a) ->
                issues.inDistricts(a.viewer(), ids, false, a.filter(), a.order(), a.page(), a.count()));
        PagedLoaders.<IssueArgs, Issue>register(registry, ISSUES_DIRECT, (ids, a) ->
                issues.inDistricts(a.viewer(), ids, true, a.filter(), a.order(), a.page(), a.count()));
        PagedLoaders.<PageArgs, Dataset>register(registry, DATASETS, (ids, a) ->
                datasets.covering(a.viewer(), ids, a.page(), a.count()));
        PagedLoaders.<PageArgs, NewsItem>register(registry, NEWS, (ids, a) ->
                news.mentioningDistricts(a.viewer(), ids, a.page(), a.count()));
    }

    @QueryMapping(name = "districts")
    Connection<District> list(@Argument DistrictLevel level, @Argument String parentId, @Argument Integer first,
                              @Argument String after, @Argument Integer last, @Argument String before,
                              DataFetchingEnvironment env) {
        return Connection.of(districts.list(level, parentId, new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    District district(@Argument String id, @Argument String code) {
        if ((id == null) == (code == null)) {
            throw new InvalidInputException("id", "ONE_OF", "Give either id or code.");
        }
        return id != null
                ? districts.byIds(List.of(id)).stream().findFirst().orElse(null)
                : districts.byCode(code).orElse(null);
    }

    @BatchMapping
    Map<District, District> parent(List<District> list) {
        return PagedLoaders.firstByParent(list, District::id, districts.parentsOf(ids(list)));
    }

    @BatchMapping
    Map<District, List<District>> children(List<District> list) {
        return PagedLoaders.byParent(list, District::id, districts.childrenOf(ids(list)));
    }

    @BatchMapping(field = "agencies")
    Map<District, List<Agency>> agencies(List<District> list) {
        return PagedLoaders.byParent(list, District::id, agencies.serving(ids(list)));
    }

    @SchemaMapping
    CompletableFuture<Connection<Issue>> issues(District district, @Argument IssueFilterInput filter,
                                                @Argument IssueOrderInput orderBy, @Argument Boolean directOnly,
                                                @Argument Integer first, @Argument String after, @Argument Integer last,
                                                @Argument String before, @ContextValue Viewer viewer,
                                                DataFetchingEnvironment env) {
        var args = IssueArgs.of(viewer, filter, orderBy, new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env));
        return PagedLoaders.load(env, Boolean.TRUE.equals(directOnly) ? ISSUES_DIRECT : ISSUES, district.id(), args);
    }

    @SchemaMapping
    CompletableFuture<Connection<Dataset>> datasets(District district, @Argument Integer first, @Argument String after,
                                                    @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        return PagedLoaders.load(env, DATASETS, district.id(),
                new PageArgs(viewer, new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(District district, @Argument Integer first, @Argument String after,
                                                 @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        return PagedLoaders.load(env, NEWS, district.id(),
                new PageArgs(viewer, new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    private static List<String> ids(List<District> list) {
        return list.stream().map(District::id).toList();
    }
}
