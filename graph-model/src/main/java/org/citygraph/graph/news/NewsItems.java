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
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.RootQuery;
import org.citygraph.graph.read.Selection;

/**
 * Reads of news items. News is public; what the viewer's rule hides is the internal issues it
 * mentions: they are left out of mentions, and filtering by them finds nothing.
 */
public final class NewsItems {






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
                + "MATCH (anchor)<-[:PART_OF*0..]-(:District)<-[:MENTIONS]-(n:NewsItem)");

        final String match;

        Anchor(String match) {
            this.match = match;
        }
    }

    private final Graph graph;
    private final Reads reads;

    public NewsItems(Graph graph) {
        this.graph = graph;
        this.reads = new Reads(graph);
    }

    public List<NewsItem> byIds(Collection<String> ids) {
        return reads.byIds(Viewer.ANONYMOUS, NodeType.NEWS_ITEM, ids, Selection.ALL).values().stream()
                .map(l -> (NewsItem) l.node()).toList();
    }

    /** The newest news first, filtered. */
    public static RootQuery rootQuery(NewsFilter filter) {
        var f = filter == null ? NewsFilter.NONE : filter;
        var text = f.text() == null ? null : KoreanText.luceneQuery(f.text(), true);
        var anchor = text != null ? Anchor.TEXT : notEmpty(f.districtIds()) ? Anchor.DISTRICTS : Anchor.ALL;
        return new RootQuery("", anchor.match, "n", predicates(f, anchor), "publishedAt", true, anchor == Anchor.DISTRICTS,
                Map.of("f", parameters(f, text)));
    }

    /** Facts for matching event filters. */
    public Map<String, NewsFacts> facts(Collection<String> newsIds) {
        var result = new HashMap<String, NewsFacts>();
        Relations.grouped(graph, FACTS, newsIds, r -> {
            var feeds = r.get("feedIds").asList(v -> v.asString());
            return new NewsFacts(r.get("id").asString(), java.util.Set.copyOf(r.get("districtIds").asList(v -> v.asString())),
                    java.util.Set.copyOf(r.get("agencyIds").asList(v -> v.asString())),
                    java.util.Set.copyOf(r.get("issueIds").asList(v -> v.asString())), feeds.isEmpty() ? null : feeds.get(0));
        }).forEach((id, list) -> result.put(id, list.get(0)));
        return result;
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
        return where;
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
