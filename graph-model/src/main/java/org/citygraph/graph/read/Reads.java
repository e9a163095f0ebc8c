package org.citygraph.graph.read;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.district.District;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueOrder;
import org.citygraph.graph.news.NewsItem;
import org.neo4j.driver.Value;

/**
 * Reads of any shape, each in one statement: nodes by id, one relationship for many parents (the
 * batched path of nested fields), and root lists, each with the selection below them. Issues and
 * datasets anywhere in the result pass the viewer's rule.
 */
public final class Reads {

    private final Graph graph;

    public Reads(Graph graph) {
        this.graph = graph;
    }

    /** Nodes of one type by id; ids that do not exist or are not visible are absent from the result. */
    public Map<String, Loaded> byIds(Viewer viewer, NodeType type, Collection<String> ids, Selection selection) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var compiler = new ReadCompiler(viewer);
        compiler.prepare(selection);
        var part = compiler.node("t", type, selection, List.of());
        var cypher = compiler.prefix() + "UNWIND $ids AS id\nMATCH (t:" + type.label() + " {id: id})"
                + ReadCompiler.where(List.of(ReadCompiler.visibility(type, "t", viewer))) + "\n" + part.clauses()
                + "RETURN id, " + part.expression() + " AS value";
        var params = new HashMap<>(compiler.parameters());
        params.put("ids", List.copyOf(ids));
        params.put("viewer", viewer.asParameter());
        return graph.readOne(cypher, params, rows -> {
            var result = new LinkedHashMap<String, Loaded>();
            rows.forEachRemaining(r -> result.put(r.get("id").asString(), load(type, r.get("value"), selection)));
            return result;
        });
    }

    /**
     * One relationship for many parents at once. The parents must already have been read through
     * the viewer's rule. Values are a {@link Loaded} or {@code null}, a list, or a page, by the
     * relationship's kind; every parent asked for has an entry.
     */
    public Map<String, Object> forParents(Viewer viewer, Relation relation, Collection<String> parentIds, PageArgs page,
                                          Selection selection) {
        if (parentIds.isEmpty()) {
            return Map.of();
        }
        var branch = new Selection.Branch("value", relation, page, selection);
        var compiler = new ReadCompiler(viewer);
        compiler.prepare(new Selection(java.util.Set.of("id"), List.of(branch)));
        var clauses = new StringBuilder();
        var expression = compiler.branch("v", branch, "bvalue", clauses);
        var cypher = compiler.prefix() + "UNWIND $ids AS id\nMATCH (v:" + relation.source().label() + " {id: id})\n" + clauses
                + "RETURN id, " + expression + " AS value";
        var params = new HashMap<>(compiler.parameters());
        params.put("ids", List.copyOf(parentIds));
        params.put("viewer", viewer.asParameter());
        return graph.readOne(cypher, params, rows -> {
            var result = new LinkedHashMap<String, Object>();
            parentIds.forEach(id -> result.put(id, empty(relation, page)));
            rows.forEachRemaining(r -> result.put(r.get("id").asString(), value(branch, r.get("value"))));
            return result;
        });
    }

    /**
     * A page of a root list with the selection below each node, in one statement; the total, when
     * asked for, in a second one in the same transaction.
     */
    public Page<Loaded> page(Viewer viewer, NodeType type, RootQuery root, PageRequest page, boolean count, Selection selection) {
        var compiler = new ReadCompiler(viewer);
        var v = root.variable();
        var keyset = Keyset.of(v, root.sortProperty(), root.descending(), page);
        var pageWhere = new ArrayList<>(ViewerRules.forViewer(root.where(), v, viewer));
        pageWhere.add(keyset.predicate());
        if (!root.distinct()) {
            // Lets the planner walk the sort property's index in order and stop after one page.
            pageWhere.add(v + "." + root.sortProperty() + " IS NOT NULL");
        }
        compiler.prepare(selection);
        var part = compiler.node(v, type, selection, List.of(root.sortProperty()));
        var carried = new ArrayList<String>(compiler.carried());
        var rootPrefix = root.prefix();
        if (rootPrefix.contains("AS textHits")) {
            if (!carried.isEmpty()) {
                rootPrefix = rootPrefix.replace("WITH collect(node) AS textHits", "WITH " + String.join(", ", carried) + ", collect(node) AS textHits");
            }
            carried.add("textHits");
        }
        var with = carried.isEmpty() ? "" : ", " + String.join(", ", carried);
        var cypher = compiler.prefix() + rootPrefix + root.match() + ReadCompiler.where(pageWhere)
                + "\nWITH " + (root.distinct() ? "DISTINCT " : "") + v + with + " ORDER BY " + keyset.orderBy() + " LIMIT $limit\n"
                + part.clauses() + "RETURN " + part.expression() + " AS value";
        var countCypher = root.prefix() + root.match() + ReadCompiler.where(ViewerRules.forViewer(root.where(), v, viewer)) + "\nRETURN count(DISTINCT " + v + ") AS total";
        var params = new HashMap<String, Object>(root.parameters());
        params.putAll(compiler.parameters());
        params.putAll(keyset.parameters());
        params.put("viewer", viewer.asParameter());
        if (!count) {
            return graph.readOne(cypher, params,
                    rows -> Page.of(rows.list(r -> load(type, r.get("value"), selection)), page, cursor(type, root.sortProperty()), null));
        }
        return graph.read(tx -> {
            var items = tx.run(cypher, params).list(r -> load(type, r.get("value"), selection));
            Long total = count ? tx.run(countCypher, params).single().get("total").asLong() : null;
            return Page.of(items, page, cursor(type, root.sortProperty()), total);
        });
    }

    private Object empty(Relation relation, PageArgs page) {
        return switch (relation.kind()) {
            case ONE -> null;
            case LIST -> List.of();
            case PAGE -> Page.empty(page.count() ? 0L : null);
        };
    }

    private Object value(Selection.Branch branch, Value value) {
        var relation = branch.relation();
        var target = relation.target();
        return switch (relation.kind()) {
            case ONE -> value.isNull() ? null : load(target, value, branch.selection());
            case LIST -> value.asList(v -> load(target, v, branch.selection()));
            case PAGE -> {
                var items = value.get("items").asList(v -> load(target, v, branch.selection()));
                var total = value.get("total").isNull() ? null : value.get("total").asLong();
                var sort = target == NodeType.ISSUE
                        ? (branch.page().issueOrder() == null ? IssueOrder.NEWEST_FIRST : branch.page().issueOrder()).field().property()
                        : ReadCompiler.defaultSort(target);
                yield Page.of(items, branch.page().request(), cursor(target, sort), total);
            }
        };
    }

    private Loaded load(NodeType type, Value value, Selection selection) {
        var related = new HashMap<String, Object>();
        for (var branch : selection.branches()) {
            related.put(branch.key(), value(branch, value.get(branch.key())));
        }
        return new Loaded(record(type, value), related);
    }

    static GraphNode record(NodeType type, Value value) {
        return switch (type) {
            case DISTRICT -> District.from(value);
            case AGENCY -> Agency.from(value);
            case ISSUE -> Issue.from(value);
            case DATASET -> Dataset.from(value);
            case NEWS_ITEM -> NewsItem.from(value);
            default -> throw new IllegalArgumentException("Cannot read " + type + " this way");
        };
    }

    /** The keyset position of a loaded node in a list sorted by {@code property}. */
    static Function<Loaded, Cursor> cursor(NodeType type, String property) {
        return loaded -> new Cursor(sortValue(loaded.node(), property), loaded.node().id());
    }

    private static Object sortValue(GraphNode node, String property) {
        if (node instanceof Issue issue) {
            return switch (property) {
                case "updatedAt" -> issue.updatedAt();
                case "severityRank" -> (long) issue.severity().rank();
                case "title" -> issue.title();
                default -> issue.createdAt();
            };
        }
        if (node instanceof Dataset dataset) {
            return property.equals("title") ? dataset.title() : dataset.modifiedAt();
        }
        if (node instanceof NewsItem item) {
            return item.publishedAt();
        }
        if (node instanceof District district) {
            return district.name();
        }
        if (node instanceof Agency agency) {
            return agency.name();
        }
        throw new IllegalArgumentException("No sort value for " + node);
    }
}
