package org.citygraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueDraft;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.issue.Visibility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The number of Cypher statements of a request is bounded by the shape of the query: one per
 * field level that reaches the graph, however many parents that level has.
 */
class NoNPlusOneTest extends ApiTest {

    static final Viewer STAFF = new Viewer("usr_n1", "N+1", Viewer.Role.STAFF, null);
    static boolean seeded;

    @Autowired
    Issues issues;

    @BeforeAll
    static void resetFlag() {
        seeded = false;
    }

    /** Enough issues that every district lists dozens of them, each with several agencies and districts. */
    void seed() {
        if (seeded) {
            return;
        }
        var districts = List.of("dst_ganggyeong", "dst_yeonmu", "dst_chwiam", "dst_buchang", "dst_beolgok", "dst_yangchon");
        for (int i = 0; i < 120; i++) {
            issues.create(STAFF, new IssueDraft("부하 시험 " + i, "N+1 측정용", IssueCategory.OTHER, Severity.LOW, Visibility.PUBLIC,
                    List.of(districts.get(i % 6), districts.get((i + 1) % 6)), "agc_nonsan-city",
                    List.of("agc_nonsan-police", "agc_nonsan-fire", "agc_nonsan-safety"), null));
        }
        seeded = true;
    }

    @Test
    void aThreeLevelQueryOverHundredsOfNodesRunsAFixedNumberOfStatements() {
        seed();
        var staff = as(Viewer.Role.STAFF);
        var response = staff.documentName("threeLevels").execute();
        long statements = fewest(() -> staff.documentName("threeLevels").execute().errors().verify());

        var issueTitles = response.path("districts.nodes[*].issues.nodes[*].title").entityList(String.class).get();
        var agencyNames = response.path("districts.nodes[*].issues.nodes[*].involvedAgencies[*].name").entityList(String.class).get();
        assertThat(issueTitles.size() + agencyNames.size()).isGreaterThan(500);
        // The root field reads its whole selection at once.
        assertThat(statements).isEqualTo(1);
    }

    @Test
    void withoutReadingAheadEachLevelIsOneStatement() {
        seed();
        var staff = as(Viewer.Role.STAFF);
        var ids = graph.read(tx -> tx.run("MATCH (d:District) RETURN d.id AS id").list(r -> r.get("id").asString()));
        // node(s) is not read ahead, so every relationship below is batched: one statement per level.
        var query = """
                query($ids: [ID!]!) { nodes(ids: $ids) { ... on District { issues(first: 50) { nodes {
                  title owner { name } involvedAgencies { name parent { name } } } } } } }""";
        var response = staff.document(query).variable("ids", ids).execute();
        long statements = fewest(() -> staff.document(query).variable("ids", ids).execute().errors().verify());
        assertThat(response.path("nodes[*].issues.nodes[*].involvedAgencies[*].name").entityList(String.class).get()).hasSizeGreaterThan(300);
        // districts, issues, owners, involved agencies, their parents
        assertThat(statements).isLessThanOrEqualTo(5);
    }

    @Test
    void theCountDoesNotGrowWithPageSize() {
        seed();
        long small = statements("{ issues(first: 5) { nodes { owner { name } districts { name } news(first: 3) { nodes { title } } } } }");
        long large = statements("{ issues(first: 100) { nodes { owner { name } districts { name } news(first: 3) { nodes { title } } } } }");
        assertThat(large).isEqualTo(small);
    }

    private long statements(String query) {
        var staff = as(Viewer.Role.STAFF);
        return fewest(() -> staff.document(query).execute().errors().verify());
    }

    /**
     * The statements a request runs, counted over the whole graph: the fewest of three runs, so that
     * a background statement (the event stream or the webhook dispatcher looking for work) that
     * happens to fall inside one run does not count, while a request that runs too many does every time.
     */
    private long fewest(Runnable request) {
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = graph.statementCount();
            request.run();
            fewest = Math.min(fewest, graph.statementCount() - before);
        }
        return fewest;
    }

}
