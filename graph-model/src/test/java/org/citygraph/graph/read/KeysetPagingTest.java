package org.citygraph.graph.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.NodeType;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;
import org.citygraph.graph.issue.IssueQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages walk a list exactly once in both directions, also across rows that share the sort
 * value (the id breaks the tie), and a deep page reads about one page of the sort index.
 */
class KeysetPagingTest {

    static final Viewer STAFF = new Viewer("usr_staff", "staff", Viewer.Role.STAFF, null);
    static Reads reads;

    @BeforeAll
    static void setUp() {
        TestGraph.resetToDemo();
        // Six issues share one creation time: pages must cut through the tie without losing or repeating one.
        TestGraph.graph().write(tx -> tx.run("""
                MATCH (i:Issue) WITH i ORDER BY i.id LIMIT 6
                SET i.createdAt = datetime('2025-01-01T09:00:00+09:00')""").consume());
        reads = new Reads(TestGraph.graph());
    }

    @AfterAll
    static void tearDown() {
        TestGraph.resetToDemo();
    }

    @Test
    void forwardPagesVisitEveryIssueOnceInOrder() {
        for (var viewer : List.of(Viewer.ANONYMOUS, STAFF)) {
            var seen = new ArrayList<String>();
            String after = null;
            for (int guard = 0; guard < 100; guard++) {
                var page = page(viewer, new PageRequest(4, after, null, null));
                seen.addAll(ids(page));
                if (!page.hasNextPage()) {
                    break;
                }
                after = page.endCursor();
            }
            assertThat(seen).as("pages for %s", viewer.role()).containsExactlyElementsOf(expected(viewer));
        }
    }

    @Test
    void backwardPagesVisitEveryIssueOnceInOrder() {
        var seen = new ArrayList<String>();
        String before = null;
        for (int guard = 0; guard < 100; guard++) {
            var page = page(STAFF, new PageRequest(null, null, 3, before));
            var chunk = new ArrayList<>(ids(page));
            Collections.reverse(chunk);
            seen.addAll(chunk);
            if (!page.hasPreviousPage()) {
                break;
            }
            before = page.startCursor();
        }
        Collections.reverse(seen);
        assertThat(seen).containsExactlyElementsOf(expected(STAFF));
    }

    @Test
    void thePageAfterTheLastIssueIsEmptyAndSaysSo() {
        var all = expected(STAFF);
        var last = page(STAFF, new PageRequest(all.size(), null, null, null));
        var after = page(STAFF, new PageRequest(5, last.endCursor(), null, null));
        assertThat(after.nodes()).isEmpty();
        assertThat(after.hasNextPage()).isFalse();
        assertThat(after.hasPreviousPage()).isTrue();
    }

    private static Page<Loaded> page(Viewer viewer, PageRequest request) {
        return reads.page(viewer, NodeType.ISSUE, IssueQueries.rootQuery(IssueFilter.NONE, IssueOrder.NEWEST_FIRST), request,
                false, Selection.ALL);
    }

    private static List<String> ids(Page<Loaded> page) {
        return page.nodes().stream().map(l -> l.node().id()).toList();
    }

    private static List<String> expected(Viewer viewer) {
        var publicOnly = !viewer.seesEverything();
        return TestGraph.graph().read(tx -> tx.run("""
                MATCH (i:Issue) WHERE NOT $publicOnly OR i.visibility = 'PUBLIC'
                RETURN i.id AS id ORDER BY i.createdAt DESC, i.id DESC""", Map.of("publicOnly", publicOnly))
                .list(r -> r.get("id").asString()));
    }
}
