package org.citygraph.graph.news;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Group commit: feeds that arrive while another feed is being written wait for it, then are written
 * together, several feeds in one transaction. Every transaction with events appends to the event counter,
 * whose lock serializes commits anyway; together, the feeds share one commit. Each feed's items, state and events
 * still commit together, and when a shared transaction fails each of its feeds is written alone, so one
 * feed's failure never costs another its items.
 */
public final class NewsWrites {

    /** At most this many feeds share a transaction. */
    static final int MAX_FEEDS_PER_COMMIT = 32;

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
    private final ConcurrentLinkedQueue<FeedBatch> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    public NewsWrites(Graph graph) {
        this.graph = graph;
    }

    /** Upserts the items of one feed; two drafts with one dedupe key count once (the first wins). */
    public Written<Outcome> upsert(Viewer actor, String feedId, List<NewsItemDraft> drafts) {
        return upsert(actor, feedId, drafts, tx -> { });
    }

    /**
     * Upserts the items of one feed and runs {@code alsoInTransaction} in the same transaction (the
     * feed's poll state), so that the items and what is recorded about them commit together. Returns
     * once they are committed, possibly in one transaction with other feeds' items.
     */
    public Written<Outcome> upsert(Viewer actor, String feedId, List<NewsItemDraft> drafts,
                                   Consumer<Graph.Tx> alsoInTransaction) {
        var unique = new LinkedHashMap<String, NewsItemDraft>();
        drafts.forEach(d -> unique.putIfAbsent(d.dedupeKey(), d));
        var rows = new ArrayList<Map<String, Object>>();
        for (var draft : unique.values()) {
            rows.add(row(draft));
        }
        var mine = new FeedBatch(actor, feedId, rows, alsoInTransaction, new CompletableFuture<>());
        waiting.add(mine);
        // whoever holds the lock writes everything waiting, ours included: by the time we get it, ours may be done
        writer.lock();
        try {
            while (!mine.result().isDone()) {
                writeWaiting();
            }
        } finally {
            if (!mine.result().isDone() && waiting.remove(mine)) {
                // leaving on an Error: nobody may later write what this caller can no longer publish
                mine.result().completeExceptionally(new IllegalStateException("The news write was abandoned"));
            }
            writer.unlock();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Feeds waiting for the writer (for tests). */
    int waitingCount() {
        return waiting.size();
    }

    /** One feed's rows, waiting for a transaction. */
    private record FeedBatch(Viewer actor, String feedId, List<Map<String, Object>> rows,
                             Consumer<Graph.Tx> alsoInTransaction, CompletableFuture<Written<Outcome>> result) {
    }

    /** Writes up to {@link #MAX_FEEDS_PER_COMMIT} waiting feeds in one transaction, or each alone if that fails. */
    private void writeWaiting() {
        var batches = new ArrayList<FeedBatch>();
        for (FeedBatch next; batches.size() < MAX_FEEDS_PER_COMMIT && (next = waiting.poll()) != null; ) {
            batches.add(next);
        }
        try {
            var written = graph.write(tx -> write(tx, batches));
            for (int i = 0; i < batches.size(); i++) {
                batches.get(i).result().complete(written.get(i));
            }
        } catch (RuntimeException shared) {
            if (batches.size() == 1) {
                batches.get(0).result().completeExceptionally(shared);
                return;
            }
            for (var batch : batches) {
                try {
                    batch.result().complete(graph.write(tx -> write(tx, List.of(batch))).get(0));
                } catch (RuntimeException alone) {
                    alone.addSuppressed(shared);
                    batch.result().completeExceptionally(alone);
                }
            }
        } catch (Error e) {
            batches.forEach(b -> b.result().completeExceptionally(e));
            throw e;
        }
    }

    private static List<Written<Outcome>> write(Graph.Tx tx, List<FeedBatch> batches) {
        var outcomes = new ArrayList<Outcome>();
        var events = new ArrayList<List<Outbox.Pending>>();
        for (var batch : batches) {
            var pending = new ArrayList<Outbox.Pending>();
            int created = 0;
            int updated = 0;
            if (!batch.rows().isEmpty()) {
                for (var record : tx.run(UPSERT, Map.of("rows", batch.rows(), "feedId", batch.feedId())).list()) {
                    boolean isNew = record.get("state").asString().equals("NEW");
                    pending.add(new Outbox.Pending(isNew ? EventKind.NEWS_PUBLISHED : EventKind.NEWS_UPDATED,
                            record.get("id").asString(), batch.feedId() == null ? List.of() : List.of(batch.feedId()), List.of()));
                    if (isNew) {
                        created++;
                    } else {
                        updated++;
                    }
                }
            }
            batch.alsoInTransaction().accept(tx);
            outcomes.add(new Outcome(created, updated, batch.rows().size() - created - updated));
            events.add(pending);
        }
        // last: appending takes the lock on the event counter, held until commit
        var written = new ArrayList<Written<Outcome>>();
        for (int i = 0; i < batches.size(); i++) {
            var pending = events.get(i);
            written.add(new Written<>(outcomes.get(i),
                    pending.isEmpty() ? List.of() : Outbox.append(tx, batches.get(i).actor(), pending)));
        }
        return written;
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
