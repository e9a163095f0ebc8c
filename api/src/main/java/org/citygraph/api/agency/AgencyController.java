package org.citygraph.api.agency;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Prefetch;
import org.citygraph.api.graphql.Related;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.agency.AgencyKind;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.district.District;
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

/** The {@code Agency} type: root fields read their whole selection at once; relationship fields serve the rest, batched. */
@Controller
class AgencyController {

    /** How an agency relates to the issues listed under it. */
    enum AgencyIssueRole { OWNER, INVOLVED, ANY }

    private final Reads reads;
    private final Related related;

    AgencyController(Reads reads, Related related) {
        this.reads = reads;
        this.related = related;
    }

    @QueryMapping(name = "agencies")
    Connection<Agency> list(@Argument List<AgencyKind> kinds, @Argument String districtId, @Argument Integer first,
                            @Argument String after, @Argument Integer last, @Argument String before,
                            @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var page = reads.page(viewer, NodeType.AGENCY, Agencies.rootQuery(kinds, districtId),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env),
                Prefetch.planConnection(NodeType.AGENCY, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), page);
    }

    @QueryMapping
    Object agency(@Argument String id, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var loaded = reads.byIds(viewer, NodeType.AGENCY, List.of(id), Prefetch.plan(NodeType.AGENCY, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), loaded.get(id));
    }

    @BatchMapping
    Map<Agency, Agency> parent(List<Agency> list, GraphQLContext context) {
        return related.one(list, Relation.AGENCY_PARENT, context);
    }

    @BatchMapping
    Map<Agency, List<Agency>> children(List<Agency> list, GraphQLContext context) {
        return related.list(list, Relation.AGENCY_CHILDREN, context);
    }

    @BatchMapping
    Map<Agency, List<District>> serves(List<Agency> list, GraphQLContext context) {
        return related.list(list, Relation.AGENCY_SERVES, context);
    }

    @SchemaMapping
    CompletableFuture<Connection<Issue>> issues(Agency agency, @Argument AgencyIssueRole role, @Argument IssueFilterInput filter,
                                                @Argument IssueOrderInput orderBy, @Argument Integer first,
                                                @Argument String after, @Argument Integer last, @Argument String before,
                                                DataFetchingEnvironment env) {
        var relation = switch (role == null ? AgencyIssueRole.ANY : role) {
            case OWNER -> Relation.AGENCY_ISSUES_OWNER;
            case INVOLVED -> Relation.AGENCY_ISSUES_INVOLVED;
            case ANY -> Relation.AGENCY_ISSUES_ANY;
        };
        return related.page(env, relation, agency.id(), new PageArgs(new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env), IssueFilterInput.toFilter(filter), IssueOrderInput.toOrder(orderBy)));
    }

    @SchemaMapping
    CompletableFuture<Connection<Dataset>> datasets(Agency agency, @Argument Integer first, @Argument String after,
                                                    DataFetchingEnvironment env) {
        return related.page(env, Relation.AGENCY_DATASETS, agency.id(),
                PageArgs.of(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping
    CompletableFuture<Connection<NewsItem>> news(Agency agency, @Argument Integer first, @Argument String after,
                                                 DataFetchingEnvironment env) {
        return related.page(env, Relation.AGENCY_NEWS, agency.id(),
                PageArgs.of(new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }
}
