package org.citygraph.graph.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.demo.LargeGraph;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;
import org.citygraph.graph.issue.IssueQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deep keyset page seeks the sort property's index from the cursor and stops after one page, on a
 * graph large enough for the planner to choose as it does on the benchmark's: with an OR in the
 * cursor predicate it unions two seeks and sorts everything after the cursor instead.
 */
class DeepPageTest {

    static final Viewer STAFF = new Viewer("usr_staff", "staff", Viewer.Role.STAFF, null);
    static final int ISSUES = 3_000;

    @BeforeAll
    static void setUp() {
        TestGraph.resetToDemo();
        LargeGraph.generateOnce(TestGraph.graph(), ISSUES, 11);
    }

    @AfterAll
    static void tearDown() {
        TestGraph.resetToDemo();
    }

    @Test
    void theStatementOfADeepPageSeeksTheIndexAndStopsAfterAPage() {
        var reads = new Reads(TestGraph.graph());
        var root = IssueQueries.rootQuery(IssueFilter.NONE, IssueOrder.NEWEST_FIRST);
        var deep = reads.page(STAFF, NodeType.ISSUE, root, new PageRequest(100, null, null, null), false, Selection.ALL);
        for (int i = 0; i < 9; i++) {
            deep = reads.page(STAFF, NodeType.ISSUE, root, new PageRequest(100, deep.endCursor(), null, null), false, Selection.ALL);
        }
        var keyset = Keyset.of("i", "createdAt", true, new PageRequest(20, deep.endCursor(), null, null));
        var cypher = "PROFILE " + root.match() + " WHERE " + keyset.predicate() + " AND i.createdAt IS NOT NULL"
                + " WITH i ORDER BY " + keyset.orderBy() + " LIMIT $limit RETURN i.id AS id";
        var parameters = new HashMap<String, Object>(keyset.parameters());
        var profile = TestGraph.graph().read(tx -> {
            var result = tx.run(cypher, parameters);
            assertThat(result.list()).hasSize(21);
            return result.consume().profile();
        });
        var operators = operators(profile);
        assertThat(operators).anyMatch(o -> o.startsWith("NodeIndexSeekByRange"));
        assertThat(operators).noneMatch(o -> o.startsWith("Union") || o.startsWith("Top") || o.startsWith("Sort"));
        assertThat(dbHits(profile)).as("db hits of the page after 1,000 issues").isLessThan(500);
    }

    @Test
    void theDeepPageHoldsTheIssuesThatFollowTheCursor() {
        var reads = new Reads(TestGraph.graph());
        var root = IssueQueries.rootQuery(IssueFilter.NONE, IssueOrder.NEWEST_FIRST);
        var all = reads.page(STAFF, NodeType.ISSUE, root, new PageRequest(100, null, null, null), false, Selection.ALL);
        var ids = new ArrayList<String>();
        all.nodes().forEach(l -> ids.add(l.node().id()));
        var next = reads.page(STAFF, NodeType.ISSUE, root, new PageRequest(20, all.endCursor(), null, null), false, Selection.ALL);
        var expected = TestGraph.graph().read(tx -> tx.run("""
                MATCH (i:Issue) RETURN i.id AS id ORDER BY i.createdAt DESC, i.id DESC SKIP 100 LIMIT 20""")
                .list(r -> r.get("id").asString()));
        assertThat(next.nodes()).extracting(l -> l.node().id()).containsExactlyElementsOf(expected);
    }

    private static List<String> operators(org.neo4j.driver.summary.ProfiledPlan plan) {
        var names = new ArrayList<String>();
        names.add(plan.operatorType());
        plan.children().forEach(c -> names.addAll(operators(c)));
        return names;
    }

    private static long dbHits(org.neo4j.driver.summary.ProfiledPlan plan) {
        return plan.dbHits() + plan.children().stream().mapToLong(DeepPageTest::dbHits).sum();
    }
}
