package org.citygraph.graph.news;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.KoreanText;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Relations;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.district.District;
import org.citygraph.graph.issue.Issue;

/**
 * Reads of news items. News is public; what the viewer's rule hides is the internal issues it
 * mentions: they are left out of mentions, and filtering by them finds nothing.
 */
public final class NewsItems {

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (n:NewsItem {id: id})
            RETURN id, n""";

    private static final String LIST = """
            %s
            WHERE %s
            WITH DISTINCT n
            ORDER BY %s
            LIMIT $limit
            RETURN n""";

    private static final String COUNT = """
            %s
            WHERE %s
            RETURN count(DISTINCT n) AS total""";

    private static final String NESTED = """
            UNWIND $ids AS id
            CALL (id) {
              %s
              WHERE %s
              WITH DISTINCT n
              ORDER BY %s
              LIMIT $limit
              RETURN collect(n) AS items
            }
            %s
            RETURN id, items, %s AS total""";

    private static final String NESTED_COUNT = """
            CALL (id) {
              %s
              WHERE %s
              RETURN count(DISTINCT n) AS total
            }""";

    private static final String MENTIONS = """
            UNWIND $ids AS id
            MATCH (:NewsItem {id: id})-[m:MENTIONS]->(t)
            WHERE NOT t:Issue OR %s
            RETURN id, m.text AS text, m.confidence AS confidence, t, labels(t) AS labels
            ORDER BY m.confidence DESC, m.text""".formatted(ViewerRules.issue("t"));

    private static final String FACTS = """
            UNWIND $ids AS id
            MATCH (n:NewsItem {id: id})
            RETURN id,
                   COLLECT { MATCH (n)-[:MENTIONS]->(:District)-[:PART_OF*0..]->(d:District) RETURN DISTINCT d.id } AS districtIds,
                   COLLECT { MATCH (n)-[:MENTIONS]->(a:Agency) RETURN DISTINCT a.id } AS agencyIds,
                   COLLECT { MATCH (n)-[:MENTIONS]->(i:Issue) RETURN DISTINCT i.id } AS issueIds,
                   COLLECT { MATCH (n)-[:FROM_FEED]->(f:Feed) RETURN f.id } AS feedIds""";

    /** Where a news list starts its match. */
    private enum Anchor {
        ALL("MATCH (n:NewsItem)"),
        TEXT("CALL db.index.fulltext.queryNodes('search', $f.text) YIELD node AS n"),
        DISTRICTS("MATCH (anchor:District) WHERE anchor.id IN $f.districtIds\n"
                + "MATCH (anchor)<-[:PART_OF*0..]-(:District)<-[:MENTIONS]-(n:NewsItem)"),
        IN_DISTRICT("MATCH (:District {id: id})<-[:PART_OF*0..]-(:District)<-[:MENTIONS]-(n:NewsItem)"),
        OF_AGENCY("MATCH (:Agency {id: id})<-[:MENTIONS]-(n:NewsItem)"),
        OF_ISSUE("MATCH (:Issue {id: id})<-[:MENTIONS]-(n:NewsItem)");

        final String match;

        Anchor(String match) {
            this.match = match;
        }
    }

    private final Graph graph;

    public NewsItems(Graph graph) {
        this.graph = graph;
    }

    public List<NewsItem> byIds(Collection<String> ids) {
        return Relations.grouped(graph, BY_IDS, ids, r -> NewsItem.from(r.get("n"))).values().stream()
                .flatMap(List::stream).toList();
    }

    /** Facts for matching event filters. */
    public Map<String, NewsFacts> facts(Collection<String> newsIds) {
        var result = new java.util.HashMap<String, NewsFacts>();
        Relations.grouped(graph, FACTS, newsIds, r -> {
            var feeds = r.get("feedIds").asList(v -> v.asString());
            return new NewsFacts(r.get("id").asString(), java.util.Set.copyOf(r.get("districtIds").asList(v -> v.asString())),
                    java.util.Set.copyOf(r.get("agencyIds").asList(v -> v.asString())),
                    java.util.Set.copyOf(r.get("issueIds").asList(v -> v.asString())), feeds.isEmpty() ? null : feeds.get(0));
        }).forEach((id, list) -> result.put(id, list.get(0)));
        return result;
    }

    /** The newest news first, filtered. */
    public Page<NewsItem> list(Viewer viewer, NewsFilter filter, PageRequest page, boolean count) {
        var f = filter == null ? NewsFilter.NONE : filter;
        var text = f.text() == null ? null : KoreanText.luceneQuery(f.text(), true);
        var anchor = text != null ? Anchor.TEXT : notEmpty(f.districtIds()) ? Anchor.DISTRICTS : Anchor.ALL;
        var keyset = Keyset.of("n", "publishedAt", true, page);
        var where = predicates(f, anchor);
        var pageWhere = new ArrayList<>(where);
        pageWhere.add(keyset.predicate());
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("f", parameters(f, text));
        params.put("viewer", viewer.asParameter());
        var listCypher = LIST.formatted(anchor.match, String.join("\n  AND ", pageWhere), keyset.orderBy());
        var countCypher = COUNT.formatted(anchor.match, String.join("\n  AND ", where));
        return graph.read(tx -> {
            var rows = tx.run(listCypher, params).list(r -> NewsItem.from(r.get("n")));
            Long total = count ? tx.run(countCypher, params).single().get("total").asLong() : null;
            return Page.of(rows, page, n -> new Cursor(n.publishedAt(), n.id()), total);
        });
    }

    public Map<String, Page<NewsItem>> mentioningDistricts(Viewer viewer, Collection<String> ids, PageRequest page, boolean count) {
        return nested(viewer, ids, Anchor.IN_DISTRICT, page, count);
    }

    public Map<String, Page<NewsItem>> mentioningAgencies(Viewer viewer, Collection<String> ids, PageRequest page, boolean count) {
        return nested(viewer, ids, Anchor.OF_AGENCY, page, count);
    }

    /** News about issues; the caller has read the issues through the viewer's rule. */
    public Map<String, Page<NewsItem>> mentioningIssues(Viewer viewer, Collection<String> ids, PageRequest page, boolean count) {
        return nested(viewer, ids, Anchor.OF_ISSUE, page, count);
    }

    private Map<String, Page<NewsItem>> nested(Viewer viewer, Collection<String> parentIds, Anchor anchor, PageRequest page, boolean count) {
        if (parentIds.isEmpty()) {
            return Map.of();
        }
        var keyset = Keyset.of("n", "publishedAt", true, page);
        var cypher = NESTED.formatted(anchor.match, keyset.predicate(), keyset.orderBy(),
                count ? NESTED_COUNT.formatted(anchor.match, "true") : "", count ? "total" : "null");
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("ids", List.copyOf(parentIds));
        return graph.read(tx -> {
            var pages = new LinkedHashMap<String, Page<NewsItem>>();
            tx.run(cypher, params).forEachRemaining(row -> {
                var rows = row.get("items").asList(NewsItem::from);
                Long total = row.get("total").isNull() ? null : row.get("total").asLong();
                pages.put(row.get("id").asString(), Page.of(rows, page, n -> new Cursor(n.publishedAt(), n.id()), total));
            });
            return pages;
        });
    }

    /** What each news item names, strongest first; internal issues only for viewers who may see them. */
    public Map<String, List<Mention>> mentions(Viewer viewer, Collection<String> newsIds) {
        return Relations.grouped(graph, MENTIONS, newsIds, Relations.viewer(viewer), r -> {
            var labels = r.get("labels").asList(v -> v.asString());
            var node = r.get("t");
            NodeType type;
            GraphNode subject;
            if (labels.contains("District")) {
                type = NodeType.DISTRICT;
                subject = District.from(node);
            } else if (labels.contains("Agency")) {
                type = NodeType.AGENCY;
                subject = Agency.from(node);
            } else {
                type = NodeType.ISSUE;
                subject = Issue.from(node);
            }
            return new Mention(type, subject, r.get("text").asString(), r.get("confidence").asDouble());
        });
    }

    private static List<String> predicates(NewsFilter f, Anchor anchor) {
        var where = new ArrayList<String>();
        if (anchor == Anchor.TEXT) {
            where.add("n:NewsItem");
        }
        if (notEmpty(f.districtIds()) && anchor != Anchor.DISTRICTS) {
            where.add("EXISTS { MATCH (n)-[:MENTIONS]->(:District)-[:PART_OF*0..]->(fd:District) WHERE fd.id IN $f.districtIds }");
        }
        if (notEmpty(f.agencyIds())) {
            where.add("EXISTS { MATCH (n)-[:MENTIONS]->(fa:Agency) WHERE fa.id IN $f.agencyIds }");
        }
        if (notEmpty(f.issueIds())) {
            where.add("EXISTS { MATCH (n)-[:MENTIONS]->(i:Issue) WHERE i.id IN $f.issueIds AND " + ViewerRules.ISSUE + " }");
        }
        if (notEmpty(f.feedIds())) {
            where.add("EXISTS { MATCH (n)-[:FROM_FEED]->(ff:Feed) WHERE ff.id IN $f.feedIds }");
        }
        if (f.from() != null) {
            where.add("n.publishedAt >= $f.from");
        }
        if (f.to() != null) {
            where.add("n.publishedAt < $f.to");
        }
        return where.isEmpty() ? new ArrayList<>(List.of("true")) : where;
    }

    private static Map<String, Object> parameters(NewsFilter f, String text) {
        var p = new HashMap<String, Object>();
        p.put("districtIds", f.districtIds());
        p.put("agencyIds", f.agencyIds());
        p.put("issueIds", f.issueIds());
        p.put("feedIds", f.feedIds());
        p.put("from", f.from());
        p.put("to", f.to());
        p.put("text", text);
        return p;
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
