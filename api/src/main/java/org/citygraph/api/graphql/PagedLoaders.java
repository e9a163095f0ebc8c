package org.citygraph.api.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.citygraph.graph.Page;
import org.dataloader.DataLoader;
import org.springframework.graphql.execution.BatchLoaderRegistry;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

/**
 * Batched loading of paged relationship fields, such as {@code District.issues(first: 5)}: all
 * parents of one level that ask with the same arguments are read in one statement. This keeps the
 * round trips of a request bounded by the shape of the query, not by the number of results.
 */
public final class PagedLoaders {

    /** One parent's page request; parents with equal {@code args} share a statement. */
    public record Key<A>(String parentId, A args) {
    }

    /** Arguments that say whether the total was asked for, so that an empty page can carry 0. */
    public interface Counted {
        boolean count();
    }

    private PagedLoaders() {
    }

    public static <A extends Counted, T> void register(BatchLoaderRegistry registry, String name,
                                                       BiFunction<Collection<String>, A, Map<String, Page<T>>> fetch) {
        registry.<Key<A>, Connection<T>>forName(name).registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> {
            var byArgs = new LinkedHashMap<A, List<String>>();
            keys.forEach(key -> byArgs.computeIfAbsent(key.args(), a -> new ArrayList<>()).add(key.parentId()));
            var result = new HashMap<Key<A>, Connection<T>>();
            byArgs.forEach((args, parentIds) -> {
                var pages = fetch.apply(parentIds, args);
                for (var parentId : parentIds) {
                    var page = pages.get(parentId);
                    result.put(new Key<>(parentId, args), Connection.of(page != null ? page : Page.empty(args.count() ? 0L : null)));
                }
            });
            return result;
        }));
    }

    public static <A, T> CompletableFuture<Connection<T>> load(DataFetchingEnvironment env, String name, String parentId, A args) {
        DataLoader<Key<A>, Connection<T>> loader = env.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No data loader named " + name);
        }
        return loader.load(new Key<>(parentId, args));
    }

    /** Maps each parent to its related values from a map keyed by parent id. */
    public static <P, V> Map<P, List<V>> byParent(Collection<P> parents, java.util.function.Function<P, String> idOf,
                                                  Map<String, List<V>> related) {
        var result = new LinkedHashMap<P, List<V>>();
        parents.forEach(p -> result.put(p, related.getOrDefault(idOf.apply(p), List.of())));
        return result;
    }

    /** Maps each parent to its single related value (the first), or leaves it out when there is none. */
    public static <P, V> Map<P, V> firstByParent(Collection<P> parents, java.util.function.Function<P, String> idOf,
                                                 Map<String, List<V>> related) {
        var result = new LinkedHashMap<P, V>();
        parents.forEach(p -> {
            var values = related.get(idOf.apply(p));
            if (values != null && !values.isEmpty()) {
                result.put(p, values.get(0));
            }
        });
        return result;
    }
}
