package org.citygraph.api.graphql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citygraph.api.issue.IssueInputs;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.read.Loaded;
import org.citygraph.graph.read.PageArgs;
import org.citygraph.graph.read.Relation;
import org.citygraph.graph.read.Selection;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

/**
 * Reads a whole query in one statement. A root field turns its GraphQL selection into a graph-model
 * {@link Selection} (the properties asked for, and the relationships with their arguments, as deep
 * as the query goes), reads it, and registers what was read below each node for this request; the
 * {@link PrefetchInstrumentation} then answers nested fields from it instead of asking the graph
 * again. Fields the planner does not know are left out and resolved the usual, batched way.
 */
public final class Prefetch {

    /** The GraphQL context key of this request's prefetched values. */
    public static final String KEY = "prefetched";

    private Prefetch() {
    }

    // ------------------------------------------------------------------ planning

    /** The selection for nodes of {@code type} selected by {@code fields}. */
    public static Selection plan(NodeType type, DataFetchingFieldSelectionSet fields) {
        var properties = new LinkedHashSet<String>();
        var branches = new ArrayList<Selection.Branch>();
        for (var field : fields.getImmediateFields()) {
            var name = field.getName();
            if (name.startsWith("__")) {
                continue;
            }
            var relation = relation(type, field);
            if (relation != null) {
                branches.add(branch(field, relation));
            } else if (PROPERTIES.getOrDefault(type, Set.of()).contains(name)) {
                properties.add(name);
            } else if (type == NodeType.ISSUE && name.equals("allowedTransitions")) {
                properties.add("status");
            }
        }
        return new Selection(properties, branches);
    }

    /** The selection for the nodes of a connection: what its {@code nodes} and {@code edges.node} select. */
    public static Selection planConnection(NodeType type, DataFetchingFieldSelectionSet connection) {
        var merged = new Selection(new LinkedHashSet<>(), new ArrayList<>());
        for (var field : connection.getImmediateFields()) {
            if (field.getName().equals("nodes")) {
                merged = merge(merged, plan(type, field.getSelectionSet()));
            } else if (field.getName().equals("edges")) {
                for (var edgeField : field.getSelectionSet().getImmediateFields()) {
                    if (edgeField.getName().equals("node")) {
                        merged = merge(merged, plan(type, edgeField.getSelectionSet()));
                    }
                }
            }
        }
        return merged;
    }

    private static Selection merge(Selection a, Selection b) {
        var properties = new LinkedHashSet<>(a.properties());
        properties.addAll(b.properties());
        var branches = new ArrayList<>(a.branches());
        var keys = new java.util.HashSet<String>();
        a.branches().forEach(br -> keys.add(br.key()));
        b.branches().stream().filter(br -> keys.add(br.key())).forEach(branches::add);
        // When one side wants every property, so does the merge.
        if (a.allProperties() && !a.branches().isEmpty() || b.allProperties() && !b.branches().isEmpty()) {
            return new Selection(properties, branches);
        }
        return new Selection(properties, branches);
    }

    private static Selection.Branch branch(SelectedField field, Relation relation) {
        var target = relation.target();
        return switch (relation.kind()) {
            case ONE, LIST -> new Selection.Branch(field.getResultKey(), relation, null, plan(target, field.getSelectionSet()));
            case PAGE -> {
                Map<String, Object> args = field.getArguments();
                var request = new PageRequest((Integer) args.get("first"), (String) args.get("after"),
                        (Integer) args.get("last"), (String) args.get("before"));
                boolean count = field.getSelectionSet().contains("totalCount");
                var page = target == NodeType.ISSUE
                        ? new PageArgs(request, count, IssueInputs.filterFromMap(map(args.get("filter"))),
                                IssueInputs.orderFromMap(map(args.get("orderBy"))))
                        : PageArgs.of(request, count);
                yield new Selection.Branch(field.getResultKey(), relation, page, planConnection(target, field.getSelectionSet()));
            }
        };
    }

    /** The relationship a field follows, or {@code null} for properties and fields the planner leaves alone. */
    private static Relation relation(NodeType type, SelectedField field) {
        var name = field.getName();
        return switch (type) {
            case DISTRICT -> switch (name) {
                case "parent" -> Relation.DISTRICT_PARENT;
                case "children" -> Relation.DISTRICT_CHILDREN;
                case "agencies" -> Relation.DISTRICT_AGENCIES;
                case "issues" -> Boolean.TRUE.equals(field.getArguments().get("directOnly"))
                        ? Relation.DISTRICT_ISSUES_DIRECT : Relation.DISTRICT_ISSUES;
                case "datasets" -> Relation.DISTRICT_DATASETS;
                case "news" -> Relation.DISTRICT_NEWS;
                default -> null;
            };
            case AGENCY -> switch (name) {
                case "parent" -> Relation.AGENCY_PARENT;
                case "children" -> Relation.AGENCY_CHILDREN;
                case "serves" -> Relation.AGENCY_SERVES;
                case "issues" -> switch (String.valueOf(field.getArguments().getOrDefault("role", "ANY"))) {
                    case "OWNER" -> Relation.AGENCY_ISSUES_OWNER;
                    case "INVOLVED" -> Relation.AGENCY_ISSUES_INVOLVED;
                    default -> Relation.AGENCY_ISSUES_ANY;
                };
                case "datasets" -> Relation.AGENCY_DATASETS;
                case "news" -> Relation.AGENCY_NEWS;
                default -> null;
            };
            case ISSUE -> switch (name) {
                case "districts" -> Relation.ISSUE_DISTRICTS;
                case "owner" -> Relation.ISSUE_OWNER;
                case "involvedAgencies" -> Relation.ISSUE_INVOLVED;
                case "relatedIssues" -> Relation.ISSUE_RELATED;
                case "datasets" -> Relation.ISSUE_DATASETS;
                case "news" -> Relation.ISSUE_NEWS;
                default -> null;
            };
            case DATASET -> switch (name) {
                case "publisher" -> Relation.DATASET_PUBLISHER;
                case "districts" -> Relation.DATASET_DISTRICTS;
                case "issues" -> Relation.DATASET_ISSUES;
                default -> null;
            };
            default -> null;
        };
    }

    /** Fields that are plain properties of the node, by type. */
    private static final Map<NodeType, Set<String>> PROPERTIES = Map.of(
            NodeType.DISTRICT, Set.of("id", "code", "name", "nameEn", "level", "latitude", "longitude", "population"),
            NodeType.AGENCY, Set.of("id", "name", "shortName", "nameEn", "aliases", "kind", "homepage"),
            NodeType.ISSUE, Set.of("id", "title", "summary", "category", "severity", "status", "visibility", "createdAt",
                    "updatedAt", "resolvedAt"),
            NodeType.DATASET, Set.of("id", "title", "description", "themes", "keywords", "temporalStart", "temporalEnd",
                    "updateFrequency", "license", "distributionUrl", "mediaType", "modifiedAt", "accessLevel"),
            NodeType.NEWS_ITEM, Set.of("id", "title", "link", "guid", "source", "language", "publishedAt", "summary", "summaryHtml"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    // ------------------------------------------------------------------ registering

    /** Registers what was read below a node and returns the node, for a root field to return. */
    public static Object register(GraphQLContext context, Loaded loaded) {
        return loaded == null ? null : unwrap(registry(context), loaded);
    }

    /** Registers every node of a page and returns the connection. */
    public static <T> Connection<T> register(GraphQLContext context, Page<Loaded> page) {
        return connection(registry(context), page);
    }

    /** Whether a node's field was read ahead, and its value. */
    static Map<String, Object> related(GraphQLContext context, Object node) {
        IdentityHashMap<Object, Map<String, Object>> registry = context.get(KEY);
        return registry == null ? null : registry.get(node);
    }

    private static IdentityHashMap<Object, Map<String, Object>> registry(GraphQLContext context) {
        return context.computeIfAbsent(KEY, k -> new IdentityHashMap<Object, Map<String, Object>>());
    }

    private static Object unwrap(IdentityHashMap<Object, Map<String, Object>> registry, Loaded loaded) {
        if (!loaded.related().isEmpty()) {
            var values = new java.util.HashMap<String, Object>();
            loaded.related().forEach((key, value) -> values.put(key, convert(registry, value)));
            synchronized (registry) {
                registry.put(loaded.node(), values);
            }
        }
        return loaded.node();
    }

    @SuppressWarnings("unchecked")
    private static Object convert(IdentityHashMap<Object, Map<String, Object>> registry, Object value) {
        if (value instanceof Loaded loaded) {
            return unwrap(registry, loaded);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> unwrap(registry, (Loaded) item)).toList();
        }
        if (value instanceof Page<?> page) {
            return connection(registry, (Page<Loaded>) page);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> Connection<T> connection(IdentityHashMap<Object, Map<String, Object>> registry, Page<Loaded> page) {
        var edges = page.edges().stream().map(e -> new Page.Edge<>(e.cursor(), (T) unwrap(registry, e.node()))).toList();
        return Connection.of(new Page<>(edges, page.hasNextPage(), page.hasPreviousPage(), page.totalCount()));
    }
}
