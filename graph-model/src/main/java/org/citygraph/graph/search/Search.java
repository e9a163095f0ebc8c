package org.citygraph.graph.search;

import java.util.HashMap;
import java.util.List;
import java.util.Set;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.KoreanText;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.district.District;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.news.NewsItem;
import org.neo4j.driver.Record;

/**
 * Ranked search over names, titles and summaries of every type, from one full-text index whose
 * analyzer splits Korean into overlapping two-syllable pieces (so a word inside a longer phrase is
 * found), after taking particles off the query's words (so 강경읍에서 finds 강경읍).
 */
public final class Search {

    public static final int MAX_TEXT = 200;

    /** Types a search can return. */
    public static final Set<NodeType> SEARCHABLE = Set.of(NodeType.DISTRICT, NodeType.AGENCY, NodeType.ISSUE,
            NodeType.NEWS_ITEM, NodeType.DATASET);

    private static final String SEARCH = """
            CALL db.index.fulltext.queryNodes('search', $query) YIELD node AS n, score
            WHERE any(label IN labels(n) WHERE label IN $labels)
              AND (NOT n:Issue OR %s)
              AND (NOT n:Dataset OR %s)
            WITH n, score
            ORDER BY score DESC, n.id
            SKIP $skip
            LIMIT $limit
            RETURN n, score, labels(n) AS labels""".formatted(ViewerRules.issue("n"), ViewerRules.dataset("n"));

    private static final String COUNT = """
            CALL db.index.fulltext.queryNodes('search', $query) YIELD node AS n
            WHERE any(label IN labels(n) WHERE label IN $labels)
              AND (NOT n:Issue OR %s)
              AND (NOT n:Dataset OR %s)
            RETURN count(n) AS total""".formatted(ViewerRules.issue("n"), ViewerRules.dataset("n"));

    private final Graph graph;

    public Search(Graph graph) {
        this.graph = graph;
    }

    /** Results ranked by relevance; cursors are positions in the ranking. Backward paging is not offered. */
    public Page<SearchHit> search(Viewer viewer, String text, Set<NodeType> types, PageRequest page, boolean count) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "REQUIRED", "Give some words to search for.");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "TOO_LONG", "Search text is limited to " + MAX_TEXT + " characters.");
        }
        if (page.backward()) {
            throw new InvalidInputException("last", "UNSUPPORTED", "Search results page forwards only: use first and after.");
        }
        var query = KoreanText.luceneQuery(text, false, true);
        if (query == null) {
            return Page.empty(count ? 0L : null);
        }
        var wanted = types == null || types.isEmpty() ? SEARCHABLE : types;
        var cursor = page.cursor();
        long skip = cursor == null ? 0 : ((Number) cursor.sortValue()).longValue();
        var params = new HashMap<String, Object>();
        params.put("query", query);
        params.put("labels", wanted.stream().filter(SEARCHABLE::contains).map(NodeType::label).toList());
        params.put("skip", skip);
        params.put("limit", page.size() + 1);
        params.put("viewer", viewer.asParameter());
        return graph.read(tx -> {
            var rows = tx.run(SEARCH, params).list(Search::hit);
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            var positioned = new java.util.ArrayList<Positioned>();
            for (int i = 0; i < rows.size(); i++) {
                positioned.add(new Positioned(skip + i + 1, rows.get(i)));
            }
            var result = Page.of(positioned, page, p -> new Cursor(p.position, p.hit.node().id()), total);
            var edges = result.edges().stream().map(e -> new Page.Edge<>(e.cursor(), e.node().hit)).toList();
            return new Page<>(edges, result.hasNextPage(), result.hasPreviousPage(), result.totalCount());
        });
    }

    private record Positioned(long position, SearchHit hit) {
    }

    private static SearchHit hit(Record row) {
        List<String> labels = row.get("labels").asList(v -> v.asString());
        var node = row.get("n");
        double score = row.get("score").asDouble();
        if (labels.contains("District")) {
            return new SearchHit(NodeType.DISTRICT, District.from(node), score);
        }
        if (labels.contains("Agency")) {
            return new SearchHit(NodeType.AGENCY, Agency.from(node), score);
        }
        if (labels.contains("Issue")) {
            return new SearchHit(NodeType.ISSUE, Issue.from(node), score);
        }
        if (labels.contains("NewsItem")) {
            return new SearchHit(NodeType.NEWS_ITEM, NewsItem.from(node), score);
        }
        return new SearchHit(NodeType.DATASET, Dataset.from(node), score);
    }
}
