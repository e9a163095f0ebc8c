package org.citygraph.graph.news;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;

/**
 * Stores news from a feed: a batch of items in one transaction, each created or updated in place by
 * its dedupe key (an unchanged item costs nothing and emits nothing), its mentions replaced, and a
 * NEWS_PUBLISHED or NEWS_UPDATED event per item appended to the outbox in the same transaction. A
 * failure anywhere leaves none of the batch behind.
 */
public final class NewsWrites {

    /** How a batch went. */
    public record Outcome(int created, int updated, int unchanged) {
    }

    private static final String UPSERT = """
            UNWIND $rows AS row
            MERGE (n:NewsItem {dedupeKey: row.dedupeKey})
            ON CREATE SET n.id = row.id, n.firstSeenAt = datetime(), n.publishedAt = row.publishedAt
            WITH n, row,
                 CASE WHEN n.contentHash IS NULL THEN 'NEW' WHEN n.contentHash = row.contentHash THEN 'SAME' ELSE 'CHANGED' END AS state
            WHERE state <> 'SAME'
            SET n.title = row.title, n.link = row.link, n.guid = row.guid, n.source = row.source, n.language = row.language,
                n.summary = row.summary, n.summaryHtml = row.summaryHtml, n.contentHash = row.contentHash,
                n.updatedAt = datetime(),
                n.publishedAt = CASE WHEN row.publishedEstimated THEN n.publishedAt ELSE row.publishedAt END
            WITH n, row, state
            CALL (n) {
              MATCH (f:Feed {id: $feedId})
              MERGE (n)-[:FROM_FEED]->(f)
            }
            CALL (n) {
              MATCH (n)-[old:MENTIONS]->()
              DELETE old
            }
            CALL (n, row) {
              UNWIND row.districts AS m
              MATCH (t:District {id: m.id})
              CREATE (n)-[:MENTIONS {text: m.text, confidence: m.confidence}]->(t)
            }
            CALL (n, row) {
              UNWIND row.agencies AS m
              MATCH (t:Agency {id: m.id})
              CREATE (n)-[:MENTIONS {text: m.text, confidence: m.confidence}]->(t)
            }
            CALL (n, row) {
              UNWIND row.issues AS m
              MATCH (t:Issue {id: m.id})
              CREATE (n)-[:MENTIONS {text: m.text, confidence: m.confidence}]->(t)
            }
            RETURN n.id AS id, state""";

    private final Graph graph;

    public NewsWrites(Graph graph) {
        this.graph = graph;
    }

    /** Upserts the items of one feed; two drafts with one dedupe key count once (the first wins). */
    public Written<Outcome> upsert(Viewer actor, String feedId, List<NewsItemDraft> drafts) {
        return upsert(actor, feedId, drafts, tx -> { });
    }

    /**
     * Upserts the items of one feed and runs {@code alsoInTransaction} in the same transaction (the
     * feed's poll state), so that the items and what is recorded about them commit together.
     */
    public Written<Outcome> upsert(Viewer actor, String feedId, List<NewsItemDraft> drafts,
                                   Consumer<Graph.Tx> alsoInTransaction) {
        var unique = new LinkedHashMap<String, NewsItemDraft>();
        drafts.forEach(d -> unique.putIfAbsent(d.dedupeKey(), d));
        var rows = new ArrayList<Map<String, Object>>();
        for (var draft : unique.values()) {
            rows.add(row(draft));
        }
        return graph.write(tx -> {
            var events = new ArrayList<Outbox.Pending>();
            int created = 0;
            int updated = 0;
            if (!rows.isEmpty()) {
                for (var record : tx.run(UPSERT, Map.of("rows", rows, "feedId", feedId)).list()) {
                    boolean isNew = record.get("state").asString().equals("NEW");
                    events.add(new Outbox.Pending(isNew ? EventKind.NEWS_PUBLISHED : EventKind.NEWS_UPDATED,
                            record.get("id").asString(), feedId == null ? List.of() : List.of(feedId), List.of()));
                    if (isNew) {
                        created++;
                    } else {
                        updated++;
                    }
                }
            }
            alsoInTransaction.accept(tx);
            var outcome = new Outcome(created, updated, unique.size() - created - updated);
            // last: appending takes the lock on the event counter, held until commit
            return new Written<>(outcome, events.isEmpty() ? List.of() : Outbox.append(tx, actor, events));
        });
    }

    private static Map<String, Object> row(NewsItemDraft d) {
        var row = new HashMap<String, Object>();
        row.put("id", NodeType.NEWS_ITEM.newId());
        row.put("dedupeKey", d.dedupeKey());
        row.put("guid", d.guid());
        row.put("link", d.link());
        row.put("title", d.title());
        row.put("summary", d.summary());
        row.put("summaryHtml", d.summaryHtml());
        row.put("publishedAt", d.publishedAt());
        row.put("publishedEstimated", d.publishedEstimated());
        row.put("language", d.language());
        row.put("source", d.source());
        row.put("contentHash", d.contentHash());
        row.put("districts", mentions(d, NodeType.DISTRICT));
        row.put("agencies", mentions(d, NodeType.AGENCY));
        row.put("issues", mentions(d, NodeType.ISSUE));
        return row;
    }

    private static List<Map<String, Object>> mentions(NewsItemDraft d, NodeType type) {
        return d.mentions().stream().filter(m -> m.type() == type)
                .map(m -> Map.<String, Object>of("id", m.targetId(), "text", m.text(), "confidence", m.confidence()))
                .toList();
    }
}
