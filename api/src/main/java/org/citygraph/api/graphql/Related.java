package org.citygraph.api.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Page;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.read.Loaded;
import org.citygraph.graph.read.PageArgs;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.Relation;
import org.citygraph.graph.read.Selection;
import org.dataloader.DataLoader;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

/**
 * The batched path of relationship fields that their root did not read ahead: all parents of one
 * level are read in one statement (lists and single nodes through {@code @BatchMapping}, pages
 * through a data loader per relationship that groups parents asked with equal arguments).
 */
@Component
public class Related {

    /** One parent's page of a relationship; parents with equal relationship, arguments and viewer share a statement. */
    record PageKey(Relation relation, String parentId, PageArgs args, Viewer viewer) {
    }

    static final String PAGES = "relatedPages";

    private final Reads reads;

    public Related(Reads reads, BatchLoaderRegistry registry) {
        this.reads = reads;
        // One loader for every paged relationship: a request creates it once, not once per relationship.
        registry.<PageKey, Connection<?>>forName(PAGES).registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> pages(keys)));
    }

    /** Each parent's related nodes, for a {@code @BatchMapping} of a list field. */
    @SuppressWarnings("unchecked")
    public <P extends GraphNode, T> Map<P, List<T>> list(List<P> parents, Relation relation, GraphQLContext context) {
        var values = reads.forParents(ViewerInterceptor.viewer(context), relation, ids(parents), null, Selection.ALL);
        var result = new LinkedHashMap<P, List<T>>();
        for (var parent : parents) {
            var loaded = (List<Loaded>) values.getOrDefault(parent.id(), List.of());
            result.put(parent, loaded.stream().map(l -> (T) l.node()).toList());
        }
        return result;
    }

    /** Each parent's one related node (absent when it has none), for a {@code @BatchMapping} of a single field. */
    @SuppressWarnings("unchecked")
    public <P extends GraphNode, T> Map<P, T> one(List<P> parents, Relation relation, GraphQLContext context) {
        var values = reads.forParents(ViewerInterceptor.viewer(context), relation, ids(parents), null, Selection.ALL);
        var result = new LinkedHashMap<P, T>();
        for (var parent : parents) {
            if (values.get(parent.id()) instanceof Loaded loaded) {
                result.put(parent, (T) loaded.node());
            }
        }
        return result;
    }

    /** A parent's page of a relationship, batched with the other parents of its level. */
    public <T> CompletableFuture<Connection<T>> page(DataFetchingEnvironment env, Relation relation, String parentId, PageArgs args) {
        DataLoader<PageKey, Connection<T>> loader = env.getDataLoader(PAGES);
        return loader.load(new PageKey(relation, parentId, args, ViewerInterceptor.viewer(env.getGraphQlContext())));
    }

    @SuppressWarnings("unchecked")
    private Map<PageKey, Connection<?>> pages(java.util.Set<PageKey> keys) {
        var groups = new LinkedHashMap<PageKey, List<String>>();
        keys.forEach(k -> groups.computeIfAbsent(new PageKey(k.relation(), null, k.args(), k.viewer()), g -> new ArrayList<>()).add(k.parentId()));
        var result = new HashMap<PageKey, Connection<?>>();
        groups.forEach((group, parentIds) -> reads.forParents(group.viewer(), group.relation(), parentIds, group.args(), Selection.ALL)
                .forEach((parentId, value) -> result.put(new PageKey(group.relation(), parentId, group.args(), group.viewer()),
                        connection((Page<Loaded>) value))));
        return result;
    }

    private static Connection<?> connection(Page<Loaded> page) {
        var edges = page.edges().stream().map(e -> new Page.Edge<Object>(e.cursor(), e.node().node())).toList();
        return Connection.of(new Page<>(edges, page.hasNextPage(), page.hasPreviousPage(), page.totalCount()));
    }

    private static List<String> ids(List<? extends GraphNode> nodes) {
        return nodes.stream().map(GraphNode::id).toList();
    }
}
