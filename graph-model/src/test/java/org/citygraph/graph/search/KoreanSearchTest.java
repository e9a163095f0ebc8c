package org.citygraph.graph.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueDraft;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.issue.Visibility;
import org.citygraph.graph.district.District;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The full-text index on real Neo4j, with Korean as people type it. */
class KoreanSearchTest {

    static final Viewer STAFF = new Viewer("usr_test", "test", Viewer.Role.STAFF, null);

    static Search search;

    @BeforeAll
    static void setUp() {
        TestGraph.resetToDemo();
        search = new Search(TestGraph.graph());
    }

    @Test
    void aPlaceNameWithAParticleFindsThePlace() {
        var hits = search.search(Viewer.ANONYMOUS, "강경읍에서", Set.of(NodeType.DISTRICT), PageRequest.first(5), true);
        assertThat(hits.nodes()).extracting(h -> ((District) h.node()).name()).contains("강경읍");
    }

    @Test
    void thePlaceItselfRanksFirstAmongAllTypes() {
        var hits = search.search(Viewer.ANONYMOUS, "강경읍에서", null, PageRequest.first(5), false);
        assertThat(hits.nodes().get(0).node()).isInstanceOf(District.class);
    }

    @Test
    void aWordInsideALongerPhraseWrittenWithoutSpacesIsFound() {
        var issues = new Issues(TestGraph.graph());
        var created = issues.create(STAFF, new IssueDraft("농촌일손돕기자원봉사단모집공고", "띄어쓰기 없는 제목", IssueCategory.AGRICULTURE,
                Severity.LOW, Visibility.PUBLIC, java.util.List.of("dst_yangchon"), "agc_nonsan-city", null, null)).value();
        var hits = search.search(Viewer.ANONYMOUS, "자원봉사", Set.of(NodeType.ISSUE), PageRequest.first(10), false);
        assertThat(hits.nodes()).extracting(h -> h.node().id()).contains(created.id());
    }

    @Test
    void anonymousViewersNeverFindInternalIssues() {
        var internal = TestGraph.graph().read(tx -> tx.run("MATCH (i:Issue {visibility: 'INTERNAL'}) RETURN i.title AS t LIMIT 1")
                .single().get("t").asString());
        var anonymous = search.search(Viewer.ANONYMOUS, internal, Set.of(NodeType.ISSUE), PageRequest.first(50), true);
        var staff = search.search(STAFF, internal, Set.of(NodeType.ISSUE), PageRequest.first(50), true);
        assertThat(anonymous.nodes()).extracting(h -> ((org.citygraph.graph.issue.Issue) h.node()).visibility())
                .doesNotContain(org.citygraph.graph.issue.Visibility.INTERNAL);
        assertThat(staff.nodes()).extracting(h -> ((org.citygraph.graph.issue.Issue) h.node()).title()).contains(internal);
        assertThat(staff.totalCount()).isGreaterThan(anonymous.totalCount());
    }

    @Test
    void hostileQuerySyntaxIsSearchedAsWords() {
        var hits = search.search(Viewer.ANONYMOUS, "title:* OR ) AND \" ~ \\", null, PageRequest.first(5), true);
        assertThat(hits.totalCount()).isNotNull();
    }

    @Test
    void pagesDoNotOverlap() {
        var first = search.search(Viewer.ANONYMOUS, "논산", null, PageRequest.first(5), true);
        var second = search.search(Viewer.ANONYMOUS, "논산", null, new PageRequest(5, first.endCursor(), null, null), false);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.nodes()).extracting(h -> h.node().id())
                .doesNotContainAnyElementsOf(first.nodes().stream().map(h -> ((GraphNode) h.node()).id()).toList());
    }
}
