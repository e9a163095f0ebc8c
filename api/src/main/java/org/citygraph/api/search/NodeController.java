package org.citygraph.api.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Selections;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.complaint.Complaints;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.webhook.Webhooks;
import org.citygraph.graph.briefing.Briefings;
import org.citygraph.graph.user.ApiKeys;
import org.citygraph.graph.user.Users;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.news.NewsItems;
import org.citygraph.graph.search.Search;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;

/**
 * Reads that cross types: {@code node}, {@code nodes} (the Relay Node convention) and ranked
 * {@code search}. Each reads through the same viewer-aware methods as the typed queries.
 */
@Controller
class NodeController {

    static final int MAX_NODES = 100;

    /** The schema's {@code SearchEdge}. */
    record SearchEdge(String cursor, double score, GraphNode node) {
    }

    /** The schema's {@code SearchConnection}. */
    record SearchConnection(List<SearchEdge> edges, List<GraphNode> nodes, Connection.PageInfo pageInfo, Long totalCount) {
    }

    private final Districts districts;
    private final Agencies agencies;
    private final Issues issues;
    private final NewsItems news;
    private final Datasets datasets;
    private final Search search;
    private final Feeds feeds;
    private final Webhooks webhooks;
    private final Users users;
    private final ApiKeys apiKeys;
    private final Complaints complaints;
    private final Briefings briefings;

    NodeController(Districts districts, Agencies agencies, Issues issues, NewsItems news, Datasets datasets, Search search,
                   Feeds feeds, Webhooks webhooks, Users users, ApiKeys apiKeys, Complaints complaints, Briefings briefings) {
        this.complaints = complaints;
        this.briefings = briefings;
        this.users = users;
        this.apiKeys = apiKeys;
        this.feeds = feeds;
        this.webhooks = webhooks;
        this.districts = districts;
        this.agencies = agencies;
        this.issues = issues;
        this.news = news;
        this.datasets = datasets;
        this.search = search;
    }

    @QueryMapping
    GraphNode node(@Argument String id, @ContextValue Viewer viewer) {
        return nodes(List.of(id), viewer).get(0);
    }

    /** One statement per type asked for, whatever the number of ids. */
    @QueryMapping
    List<GraphNode> nodes(@Argument List<String> ids, @ContextValue Viewer viewer) {
        if (ids.size() > MAX_NODES) {
            throw new InvalidInputException("ids", "TOO_MANY", "Ask for at most " + MAX_NODES + " nodes at once.");
        }
        var byType = new EnumMap<NodeType, List<String>>(NodeType.class);
        ids.forEach(id -> NodeType.ofId(id).ifPresent(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(id)));
        var found = new HashMap<String, GraphNode>();
        byType.forEach((type, typeIds) -> read(type, typeIds, viewer).forEach(n -> found.put(n.id(), n)));
        var result = new ArrayList<GraphNode>();
        ids.forEach(id -> result.add(found.get(id)));
        return result;
    }

    @QueryMapping(name = "search")
    SearchConnection search(@Argument String text, @Argument List<NodeType> types, @Argument Integer first,
                            @Argument String after, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var page = search.search(viewer, text, types == null ? null : java.util.Set.copyOf(types),
                new PageRequest(first, after, null, null), Selections.wantsTotalCount(env));
        var edges = page.edges().stream().map(e -> new SearchEdge(e.cursor(), e.node().score(), e.node().node())).toList();
        var connection = Connection.of(page);
        return new SearchConnection(edges, edges.stream().map(SearchEdge::node).toList(), connection.pageInfo(),
                page.totalCount());
    }

    private List<? extends GraphNode> read(NodeType type, List<String> ids, Viewer viewer) {
        return switch (type) {
            case DISTRICT -> districts.byIds(ids);
            case AGENCY -> agencies.byIds(ids);
            case ISSUE -> issues.byIds(viewer, ids);
            case NEWS_ITEM -> news.byIds(ids);
            case FEED -> viewer.seesEverything() ? feeds.byIds(ids) : List.<GraphNode>of();
            case USER -> viewer.role() == Viewer.Role.ADMIN
                    ? ids.stream().map(users::byId).flatMap(java.util.Optional::stream).toList() : List.<GraphNode>of();
            case API_KEY -> ids.stream().map(apiKeys::byId).flatMap(java.util.Optional::stream)
                    .filter(k -> viewer.role() == Viewer.Role.ADMIN
                            || viewer.role() == Viewer.Role.PARTNER && k.agencyId() != null && k.agencyId().equals(viewer.agencyId()))
                    .toList();
            case WEBHOOK -> ids.stream().map(webhooks::byId).flatMap(java.util.Optional::stream)
                    .filter(w -> viewer.role() == Viewer.Role.ADMIN
                            || viewer.role() == Viewer.Role.PARTNER && w.agencyId() != null && w.agencyId().equals(viewer.agencyId()))
                    .toList();
            case DATASET -> datasets.byIds(viewer, ids);
            // public like Open311's requests; the contact details are a field with its own rule
            case COMPLAINT -> complaints.byIds(ids);
            case BRIEFING -> briefings.byIds(viewer, ids);
            default -> List.<GraphNode>of();
        };
    }

}
