package org.citygraph.api.district;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Prefetch;
import org.citygraph.api.graphql.Related;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.DistrictLevel;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.read.PageArgs;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.Relation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * The {@code District} type. Root fields read the whole selection below them in one statement
 * ({@link Prefetch}); the relationship fields below serve what was not read ahead, batched.
 */
@Controller
class DistrictController {

    private final Districts districts;
    private final Reads reads;
    private final Related related;

    DistrictController(Districts districts, Reads reads, Related related) {
        this.districts = districts;
        this.reads = reads;
        this.related = related;
    }

    @QueryMapping(name = "districts")
    Connection<District> list(@Argument DistrictLevel level, @Argument String parentId, @Argument Integer first,
                              @Argument String after, @Argument Integer last, @Argument String before,
                              @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var page = reads.page(viewer, NodeType.DISTRICT, Districts.rootQuery(level, parentId),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env),
                Prefetch.planConnection(NodeType.DISTRICT, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), page);
    }

    @QueryMapping
    Object district(@Argument String id, @Argument String code, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        if ((id == null) == (code == null)) {
            throw new InvalidInputException("id", "ONE_OF", "Give either id or code.");
        }
        var districtId = id != null ? id : districts.idOfCode(code).orElse(null);
        if (districtId == null) {
            return null;
        }
        var loaded = reads.byIds(viewer, NodeType.DISTRICT, List.of(districtId), Prefetch.plan(NodeType.DISTRICT, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), loaded.get(districtId));
    }

    @BatchMapping
    Map<District, District> parent(List<District> list, GraphQLContext context) {
        return related.one(list, Relation.DISTRICT_PARENT, context);
    }

    @BatchMapping
    Map<District, List<District>> children(List<District> list, GraphQLContext context) {
        return related.list(list, Relation.DISTRICT_CHILDREN, context);
    }

    @BatchMapping
    Map<District, List<Agency>> agencies(List<District> list, GraphQLContext context) {
        return related.list(list, Relation.DISTRICT_AGENCIES, context);
    }

    @SchemaMapping
    CompletableFuture<Connection<Issue>> issues(District district, @Argument IssueFilterInput filter,
                                                @Argument IssueOrderInput orderBy, @Argument Boolean directOnly,
                                                @Argument Integer first, @Argument String after, @Argument Integer last,
                                                @Argument String before, DataFetchingEnvironment env) {
        var args = new PageArgs(new PageRequest(first, after, last, before), Selections.wantsTotalCount(env),
                IssueFilterInput.toFilter(filter), IssueOrderInput.toOrder(orderBy));
        return related.page(env, Boolean.TRUE.equals(directOnly) ? Relation.DISTRICT_ISSUES_DIRECT : Relation.DISTRICT_ISSUES,
                district.id(), args);
    }

    @SchemaMapping
    CompletableFuture<Connection<Dataset>> datasets(District district, @Argument Integer first, @Argument String after,
                                                    DataFetchingEnvironment env) {
        return related.page(env, Relation.DISTRICT_DATASETS, district.id(),
                PageArgs.of(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(District district, @Argument Integer first, @Argument String after,
                                                 DataFetchingEnvironment env) {
        return related.page(env, Relation.DISTRICT_NEWS, district.id(),
                PageArgs.of(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

}
