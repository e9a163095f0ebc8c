package org.citygraph.graph.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;
import org.citygraph.graph.issue.IssueQueries;

/**
 * Builds one Cypher statement for a whole selection: each branch becomes a {@code CALL} subquery
 * that follows the relationship, reads what lies below it the same way, and binds the result to a
 * variable; the node's map projection then puts properties and branch variables together. CALL
 * subqueries rather than COLLECT expressions: Neo4j 5.26's planner fails on subquery expressions
 * when a list is sorted by an indexed property ("should not appear non-cached"). Values travel as
 * parameters ({@code $p<n>...}); the text comes from the relationship catalog and the viewer rules
 * only. One instance builds one statement.
 */
final class ReadCompiler {

    /** Clauses that bind the branch variables, and the projection that uses them. */
    record Part(String clauses, String expression) {
    }

    /** The properties of each type, for selections that ask for all of them. */
    static final Map<NodeType, List<String>> PROPERTIES = Map.of(
            NodeType.DISTRICT, List.of("code", "name", "nameEn", "level", "latitude", "longitude", "population"),
            NodeType.AGENCY, List.of("name", "shortName", "nameEn", "aliases", "kind", "homepage"),
            NodeType.ISSUE, List.of("title", "summary", "category", "severity", "status", "visibility", "createdAt",
                    "updatedAt", "resolvedAt"),
            NodeType.DATASET, List.of("title", "description", "themes", "keywords", "temporalStart", "temporalEnd",
                    "updateFrequency", "license", "distributionUrl", "mediaType", "modifiedAt", "accessLevel", "createdAt"),
            NodeType.NEWS_ITEM, List.of("title", "link", "guid", "source", "language", "publishedAt", "summary", "summaryHtml"));

    private final Viewer viewer;
    private final Map<String, Object> parameters = new HashMap<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> carried = new ArrayList<>();
    private final java.util.IdentityHashMap<PageArgs, String> textLookups = new java.util.IdentityHashMap<>();
    private int counter;

    /** A compiler for one viewer: the visibility rules are written as they read for that viewer. */
    ReadCompiler(Viewer viewer) {
        this.viewer = viewer;
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    /** Clauses that must run before everything else (full-text lookups); they end with a WITH. */
    String prefix() {
        return String.join("\n", prefixes) + (prefixes.isEmpty() ? "" : "\n");
    }

    /** Variables the prefix defines, which later clauses must carry. */
    List<String> carried() {
        return carried;
    }

    /** The clauses and projection of {@code variable} (a node of {@code type}) for {@code selection}. */
    Part node(String variable, NodeType type, Selection selection, List<String> required) {
        var clauses = new StringBuilder();
        var parts = new ArrayList<String>();
        var properties = new LinkedHashSet<String>();
        properties.add("id");
        properties.addAll(required);
        properties.addAll(selection.allProperties() ? PROPERTIES.get(type) : selection.properties());
        properties.forEach(p -> parts.add(safe(p) + ": " + variable + "." + p));
        for (var branch : selection.branches()) {
            if (branch.relation().source() != type) {
                throw new IllegalArgumentException(branch.relation() + " does not start at a " + type.label());
            }
            var bound = "b" + counter++;
            parts.add("`" + branch.key() + "`: " + branch(variable, branch, bound, clauses));
        }
        return new Part(clauses.toString(), variable + " {" + String.join(", ", parts) + "}");
    }

    /**
     * Appends the CALL subqueries that read one branch below {@code source} and returns the
     * expression of its value (a map, a list, or a page map of items and total).
     */
    String branch(String source, Selection.Branch branch, String bound, StringBuilder clauses) {
        var relation = branch.relation();
        var t = fresh();
        var pattern = relation.pattern(source, t);
        var scope = scope(source);
        var visible = visibility(relation.target(), t, viewer);
        switch (relation.kind()) {
            case ONE -> {
                var child = node(t, relation.target(), branch.selection(), List.of());
                clauses.append("CALL (").append(scope).append(") {\n  OPTIONAL MATCH ").append(pattern).append(where(List.of(visible)))
                        .append("\n  WITH ").append(t).append(withCarried()).append(" LIMIT 1\n").append(child.clauses())
                        .append("  RETURN ").append(child.expression()).append(" AS ").append(bound).append("\n}\n");
                return bound;
            }
            case LIST -> {
                var child = node(t, relation.target(), branch.selection(), List.of());
                clauses.append("CALL (").append(scope).append(") {\n  OPTIONAL MATCH ").append(pattern).append(where(List.of(visible)))
                        .append("\n  WITH DISTINCT ").append(t).append(withCarried()).append(" ORDER BY ").append(relation.listOrder(t))
                        .append("\n").append(child.clauses())
                        .append("  RETURN collect(").append(child.expression()).append(") AS ").append(bound).append("\n}\n");
                return bound;
            }
            default -> {
                return page(pattern, t, relation.target(), branch.page(), branch.selection(), bound, scope, clauses);
            }
        }
    }

    private String page(String pattern, String t, NodeType target, PageArgs args, Selection selection, String bound,
                        String scope, StringBuilder clauses) {
        var prefix = "p" + counter++ + "_";
        java.util.function.Function<String, List<String>> conditions;
        String sortProperty;
        boolean descending;
        if (target == NodeType.ISSUE) {
            var filter = IssueQueries.normalize(args.issueFilter());
            var order = args.issueOrder() == null ? IssueOrder.NEWEST_FIRST : args.issueOrder();
            conditions = issueConditions(filter, prefix, args);
            sortProperty = order.field().property();
            descending = order.descending();
        } else {
            conditions = v -> List.of(visibility(target, v, viewer));
            sortProperty = defaultSort(target);
            descending = target == NodeType.DATASET || target == NodeType.NEWS_ITEM;
        }
        var keyset = Keyset.of(t, sortProperty, descending, args.request(), prefix);
        parameters.putAll(keyset.parameters());
        var pageConditions = new ArrayList<>(conditions.apply(t));
        pageConditions.add(keyset.predicate());
        var child = node(t, target, selection, List.of(sortProperty));
        clauses.append("CALL (").append(scope).append(") {\n  OPTIONAL MATCH ").append(pattern).append(where(pageConditions))
                .append("\n  WITH DISTINCT ").append(t).append(withCarried()).append(" ORDER BY ").append(keyset.orderBy())
                .append(" LIMIT $").append(prefix).append("limit\n").append(child.clauses())
                .append("  RETURN collect(").append(child.expression()).append(") AS ").append(bound).append("\n}\n");
        if (!args.count()) {
            return "{items: " + bound + ", total: null}";
        }
        var counted = fresh();
        var countPattern = pattern.replace("(" + t + ":", "(" + counted + ":");
        clauses.append("CALL (").append(scope).append(") {\n  MATCH ").append(countPattern).append(where(conditions.apply(counted)))
                .append("\n  RETURN count(DISTINCT ").append(counted).append(") AS ").append(bound).append("_total\n}\n");
        return "{items: " + bound + ", total: " + bound + "_total}";
    }

    /**
     * Registers, before any clause is written, the full-text lookups that issue pages with a text
     * filter need: they run first, and every later clause carries their results.
     */
    void prepare(Selection selection) {
        for (var branch : selection.branches()) {
            var page = branch.page();
            if (page != null && branch.relation().target() == NodeType.ISSUE && page.issueFilter() != null
                    && IssueQueries.normalize(page.issueFilter()).text() != null) {
                var name = "fts" + textLookups.size();
                var withs = new ArrayList<>(carried);
                withs.add("collect(node) AS " + name);
                parameters.put(name + "_text", IssueQueries.parameters(IssueQueries.normalize(page.issueFilter())).get("text"));
                prefixes.add("CALL db.index.fulltext.queryNodes('search', $" + name + "_text) YIELD node\nWITH " + String.join(", ", withs));
                carried.add(name);
                textLookups.put(page, name);
            }
            prepare(branch.selection());
        }
    }

    /** Issue filter predicates as a function of the variable. */
    private java.util.function.Function<String, List<String>> issueConditions(IssueFilter filter, String prefix, PageArgs args) {
        parameters.put(prefix + "f", IssueQueries.parameters(filter));
        var textHits = textLookups.get(args);
        return v -> {
            var conditions = new ArrayList<>(ViewerRules.forViewer(IssueQueries.nestedPredicates(filter, v, prefix + "f"), v, viewer));
            if (textHits != null) {
                conditions.replaceAll(c -> c.equals(v + " IN textHits") ? v + " IN " + textHits : c);
            }
            return conditions;
        };
    }

    private String fresh() {
        return "t" + counter++;
    }

    /** The variables a CALL subquery over {@code source} imports: the source and what the prefix carries. */
    private String scope(String source) {
        return source + carriedAfter(source);
    }

    private String carriedAfter(String scope) {
        var more = new StringBuilder();
        for (var variable : carried) {
            if (!scope.contains(variable)) {
                more.append(", ").append(variable);
            }
        }
        return more.toString();
    }

    private String withCarried() {
        return carried.isEmpty() ? "" : ", " + String.join(", ", carried);
    }

    static String visibility(NodeType type, String variable, Viewer viewer) {
        return switch (type) {
            case ISSUE -> ViewerRules.issue(variable, viewer);
            case DATASET -> ViewerRules.dataset(variable, viewer);
            default -> "true";
        };
    }

    static String defaultSort(NodeType type) {
        return switch (type) {
            case DATASET -> "modifiedAt";
            case NEWS_ITEM -> "publishedAt";
            case ISSUE -> "createdAt";
            default -> "name";
        };
    }

    static String where(List<String> conditions) {
        var real = conditions.stream().filter(c -> !c.equals("true")).toList();
        return real.isEmpty() ? "" : " WHERE " + String.join(" AND ", real);
    }

    private static String safe(String property) {
        if (!property.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("Not a property name: " + property);
        }
        return property;
    }
}
