package org.citygraph.feeds.link;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.citygraph.feeds.ingest.Mentions;
import org.citygraph.graph.Graph;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.district.District;
import org.citygraph.graph.news.NewsItemDraft.MentionDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linker over what the graph holds now: every district and agency, and the issues still worth
 * naming (not closed, the most recently updated first). {@link #reload()} builds a new gazetteer
 * beside the one in use and swaps it in, so that items being linked meanwhile never see half of one.
 */
public final class LiveLinker implements Mentions {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLinker.class);

    /** Issues beyond this many (most recently updated first) are not named: old issues rarely make news. */
    public static final int MAX_ISSUES = 5_000;

    private static final String DISTRICTS = "MATCH (n:District) RETURN n ORDER BY n.id";
    private static final String AGENCIES = "MATCH (n:Agency) RETURN n ORDER BY n.id";
    private static final String ISSUES = """
            MATCH (i:Issue)
            WHERE i.status <> 'CLOSED'
            WITH i ORDER BY i.updatedAt DESC LIMIT $limit
            CALL (i) { OPTIONAL MATCH (i)-[:LOCATED_IN]->(d:District) RETURN collect(d.id) AS districtIds }
            CALL (i) { OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Agency) RETURN collect(o.id) AS owners }
            CALL (i) { OPTIONAL MATCH (i)-[:INVOLVES]->(a:Agency) RETURN collect(a.id) AS involved }
            RETURN i.id AS id, i.title AS title, districtIds, owners + involved AS agencyIds""";

    private final Graph graph;
    private final AtomicReference<Linker> current = new AtomicReference<>(new Linker(Gazetteer.of(List.of(), List.of(), List.of())));

    public LiveLinker(Graph graph) {
        this.graph = graph;
    }

    /** Reads the names from the graph again; call it when districts, agencies or issues changed. */
    public void reload() {
        long start = System.nanoTime();
        var gazetteer = graph.read(tx -> {
            var districts = tx.run(DISTRICTS).list(r -> District.from(r.get("n")));
            var agencies = tx.run(AGENCIES).list(r -> Agency.from(r.get("n")));
            var issues = tx.run(ISSUES, Map.of("limit", MAX_ISSUES)).list(r -> new Gazetteer.IssueTerms(
                    r.get("id").asString(), r.get("title").asString(),
                    r.get("districtIds").asList(v -> v.asString()), r.get("agencyIds").asList(v -> v.asString())));
            LOG.debug("Gazetteer: {} districts, {} agencies, {} issues", districts.size(), agencies.size(), issues.size());
            return Gazetteer.of(districts, agencies, issues);
        });
        current.set(new Linker(gazetteer));
        LOG.debug("Gazetteer rebuilt in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public List<MentionDraft> find(String title, String text) {
        return current.get().link(title, text).stream()
                .map(link -> new MentionDraft(link.type(), link.id(), link.text(), link.confidence()))
                .toList();
    }
}
