package org.citygraph.api.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue lists, filters, sorting and cursor pagination over real HTTP, checked against Cypher counts. */
class IssueQueriesTest extends ApiTest {

    @BeforeAll
    static void demoCity() {
        TestGraph.resetToDemo();
    }

    @Test
    void anonymousVisitorsSeeOnlyPublicIssuesAndStaffSeeAll() {
        long publicCount = count("MATCH (i:Issue {visibility: 'PUBLIC'}) RETURN count(i)", Map.of());
        long all = count("MATCH (i:Issue) RETURN count(i)", Map.of());
        anonymous().documentName("issueList").variable("first", 100).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(publicCount)
                .path("issues.nodes[*].visibility").entityList(String.class).satisfies(v -> assertThat(v).containsOnly("PUBLIC"));
        as(Viewer.Role.STAFF).documentName("issueList").variable("first", 100).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(all);
        assertThat(all).isGreaterThan(publicCount);
    }

    @Test
    void districtFilterIncludesSubDistricts() {
        long inGanggyeong = count("""
                MATCH (i:Issue {visibility: 'PUBLIC'})-[:LOCATED_IN]->(:District {id: 'dst_ganggyeong'}) RETURN count(DISTINCT i)""", Map.of());
        anonymous().documentName("issueList")
                .variable("filter", Map.of("districtIds", List.of("dst_ganggyeong")))
                .variable("first", 100).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(inGanggyeong);
        // The city contains every district, so filtering by the city finds every public issue.
        long publicCount = count("MATCH (i:Issue {visibility: 'PUBLIC'}) RETURN count(i)", Map.of());
        anonymous().documentName("issueList")
                .variable("filter", Map.of("districtIds", List.of("dst_nonsan")))
                .variable("first", 1).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(publicCount);
    }

    @Test
    void filtersCombineWithAnd() {
        long expected = count("""
                MATCH (i:Issue)-[:OWNED_BY|INVOLVES]->(:Agency {id: 'agc_nonsan-safety'})
                WHERE i.category = 'DISASTER' AND i.severityRank >= 3 AND i.status IN ['OPEN', 'MONITORING', 'REOPENED']
                RETURN count(DISTINCT i)""", Map.of());
        as(Viewer.Role.STAFF).documentName("issueList")
                .variable("filter", Map.of("agencyIds", List.of("agc_nonsan-safety"), "categories", List.of("DISASTER"),
                        "minSeverity", "HIGH", "openOnly", true))
                .variable("first", 100).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(expected)
                .path("issues.nodes[*].category").entityList(String.class).satisfies(c -> assertThat(c).containsOnly("DISASTER"));
        assertThat(expected).isPositive();
    }

    @Test
    void timeRangeAndTextFilters() {
        long in2025 = count("""
                MATCH (i:Issue {visibility: 'PUBLIC'})
                WHERE i.createdAt >= datetime('2025-01-01T00:00:00+09:00') AND i.createdAt < datetime('2026-01-01T00:00:00+09:00')
                RETURN count(i)""", Map.of());
        anonymous().documentName("issueList")
                .variable("filter", Map.of("created", Map.of("from", "2025-01-01T00:00:00+09:00", "to", "2026-01-01T00:00:00+09:00")))
                .variable("first", 100).execute()
                .path("issues.totalCount").entity(Long.class).isEqualTo(in2025);
        anonymous().documentName("issueList")
                .variable("filter", Map.of("text", "딸기"))
                .variable("first", 100).execute()
                .path("issues.nodes[*].title").entityList(String.class)
                .satisfies(titles -> assertThat(titles).isNotEmpty().allMatch(t -> t.contains("딸기")));
    }

    @Test
    void pagesForwardAndBackwardWithoutOverlap() {
        var seen = new ArrayList<String>();
        String after = null;
        boolean more = true;
        while (more) {
            var response = anonymous().documentName("issueList").variable("first", 7).variable("after", after).execute();
            seen.addAll(response.path("issues.nodes[*].id").entityList(String.class).get());
            more = response.path("issues.pageInfo.hasNextPage").entity(Boolean.class).get();
            after = response.path("issues.pageInfo.endCursor").entity(String.class).get();
        }
        long publicCount = count("MATCH (i:Issue {visibility: 'PUBLIC'}) RETURN count(i)", Map.of());
        assertThat(seen).hasSize((int) publicCount).doesNotHaveDuplicates();

        // The last page read backwards from the end equals the tail of the forward walk.
        anonymous().documentName("issueList").variable("last", 5).execute()
                .path("issues.nodes[*].id").entityList(String.class).isEqualTo(seen.subList(seen.size() - 5, seen.size()))
                .path("issues.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void sortsBySeverityThenId() {
        var severities = anonymous().documentName("issueList")
                .variable("orderBy", Map.of("field", "SEVERITY", "direction", "DESC")).variable("first", 100).execute()
                .path("issues.nodes[*].severity").entityList(String.class).get();
        var ranks = severities.stream().map(s -> List.of("LOW", "MEDIUM", "HIGH", "CRITICAL").indexOf(s)).toList();
        assertThat(ranks).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void pageSizeAndCursorErrorsAreClear() {
        anonymous().documentName("issueList").variable("first", 500).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                    assertThat(e.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                    assertThat(e.getMessage()).contains("first must be between 0 and 100");
                }));
        anonymous().documentName("issueList").variable("first", 5).variable("after", "not-a-cursor").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getMessage()).contains("is not one this API returned")));
        anonymous().documentName("issueList").variable("first", 0).execute()
                .path("issues.nodes").entityList(Object.class).hasSize(0);
    }

    @Test
    void anIssueWithItsLinksHistoryAndNews() {
        as(Viewer.Role.STAFF).documentName("issueDetail").variable("id", "iss_ganggyeong-flood").execute()
                .path("issue.status").entity(String.class).isEqualTo("MONITORING")
                .path("issue.allowedTransitions").entityList(String.class).containsExactly("OPEN", "RESOLVED")
                .path("issue.owner.id").entity(String.class).isEqualTo("agc_nonsan-safety")
                .path("issue.districts[*].id").entityList(String.class).contains("dst_ganggyeong")
                .path("issue.history").entityList(Object.class).hasSizeGreaterThan(1)
                .path("issue.history[0].from").valueIsNull()
                .path("issue.news.totalCount").entity(Long.class).satisfies(n -> assertThat(n).isPositive());
    }

    @Test
    void anInternalIssueIsInvisibleToAnonymousVisitorsEverywhere() {
        anonymous().documentName("issueDetail").variable("id", "iss_ganggyeong-drainage-budget").execute()
                .path("issue").valueIsNull();
        anonymous().document("{ node(id: \"iss_ganggyeong-drainage-budget\") { id } }").execute()
                .path("node").valueIsNull();
        anonymous().documentName("districtWithIssues").variable("id", "dst_ganggyeong").variable("first", 100).execute()
                .path("district.issues.edges[*].node.id").entityList(String.class).doesNotContain("iss_ganggyeong-drainage-budget");
        as(Viewer.Role.STAFF).documentName("districtWithIssues").variable("id", "dst_ganggyeong").variable("first", 100).execute()
                .path("district.issues.edges[*].node.id").entityList(String.class).contains("iss_ganggyeong-drainage-budget");
    }

    @Test
    void countsByDimensionMatchTheGraph() {
        long openTraffic = count("""
                MATCH (i:Issue {visibility: 'PUBLIC', category: 'TRAFFIC'}) WHERE i.status IN ['OPEN', 'MONITORING', 'REOPENED']
                RETURN count(i)""", Map.of());
        anonymous().document("{ issueCounts(by: CATEGORY, filter: {openOnly: true}) { key label count } }").execute()
                .path("issueCounts[?(@.key == 'TRAFFIC')].count").entityList(Long.class).containsExactly(openTraffic);
        long inYeonmu = count("""
                MATCH (i:Issue {visibility: 'PUBLIC'})-[:LOCATED_IN]->(:District {id: 'dst_yeonmu'}) RETURN count(i)""", Map.of());
        anonymous().document("{ issueCounts(by: DISTRICT) { key label count } }").execute()
                .path("issueCounts").entityList(Object.class).hasSize(16)
                .path("issueCounts[?(@.key == 'dst_yeonmu')].label").entityList(String.class).containsExactly("연무읍")
                .path("issueCounts[?(@.key == 'dst_yeonmu')].count").entityList(Long.class).containsExactly(inYeonmu);
        long all = count("MATCH (i:Issue) RETURN count(i)", Map.of());
        var bySeverity = as(Viewer.Role.STAFF).document("{ issueCounts(by: SEVERITY) { count } }").execute()
                .path("issueCounts[*].count").entityList(Long.class).get();
        assertThat(bySeverity.stream().mapToLong(Long::longValue).sum()).isEqualTo(all);
    }
}
