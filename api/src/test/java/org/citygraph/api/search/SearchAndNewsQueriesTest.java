package org.citygraph.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search across types, the news list and the dataset catalog. */
class SearchAndNewsQueriesTest extends ApiTest {

    @BeforeAll
    static void demoCity() {
        TestGraph.resetToDemo();
    }

    @Test
    void koreanSearchFindsThePlaceFirst() {
        anonymous().documentName("search").variable("text", "강경읍에서").variable("first", 5).execute()
                .path("search.edges[0].node.__typename").entity(String.class).isEqualTo("District")
                .path("search.edges[0].node.name").entity(String.class).isEqualTo("강경읍");
    }

    @Test
    void searchByTypeAndPaging() {
        var first = anonymous().documentName("search").variable("text", "논산").variable("types", List.of("NEWS_ITEM"))
                .variable("first", 3).execute();
        first.path("search.edges[*].node.__typename").entityList(String.class).satisfies(t -> assertThat(t).containsOnly("NewsItem"));
        var cursor = first.path("search.pageInfo.endCursor").entity(String.class).get();
        var firstIds = first.path("search.edges[*].node.id").entityList(String.class).get();
        anonymous().documentName("search").variable("text", "논산").variable("types", List.of("NEWS_ITEM"))
                .variable("first", 3).variable("after", cursor).execute()
                .path("search.edges[*].node.id").entityList(String.class).satisfies(ids -> assertThat(ids).doesNotContainAnyElementsOf(firstIds));
    }

    @Test
    void searchHidesInternalIssuesFromAnonymousVisitors() {
        anonymous().documentName("search").variable("text", "배수 예산").variable("types", List.of("ISSUE")).variable("first", 50).execute()
                .path("search.edges[*].node.visibility").entityList(String.class).satisfies(v -> assertThat(v).doesNotContain("INTERNAL"));
        as(Viewer.Role.STAFF).documentName("search").variable("text", "배수 예산").variable("types", List.of("ISSUE")).variable("first", 50).execute()
                .path("search.edges[*].node.id").entityList(String.class).contains("iss_ganggyeong-drainage-budget");
    }

    @Test
    void emptySearchTextIsRefused() {
        anonymous().documentName("search").variable("text", "   ").execute()
                .errors().satisfy(e -> assertThat(e).singleElement().satisfies(err -> assertThat(err.getExtensions()).containsEntry("code", "BAD_USER_INPUT")));
    }

    @Test
    void newsFiltersByDistrictAgencyIssueAndTime() {
        long aboutPolice = count("MATCH (n:NewsItem)-[:MENTIONS]->(:Agency {id: 'agc_nonsan-police'}) RETURN count(DISTINCT n)", Map.of());
        anonymous().document("query($f: NewsFilter) { news(filter: $f, first: 100) { totalCount nodes { publishedAt } } }")
                .variable("f", Map.of("agencyIds", List.of("agc_nonsan-police"))).execute()
                .path("news.totalCount").entity(Long.class).isEqualTo(aboutPolice);
        long inCity = count("""
                MATCH (n:NewsItem)-[:MENTIONS]->(:District)-[:PART_OF*0..]->(:District {id: 'dst_nonsan'}) RETURN count(DISTINCT n)""", Map.of());
        anonymous().document("query($f: NewsFilter) { news(filter: $f, first: 1) { totalCount } }")
                .variable("f", Map.of("districtIds", List.of("dst_nonsan"))).execute()
                .path("news.totalCount").entity(Long.class).isEqualTo(inCity);
        long in2025 = count("MATCH (n:NewsItem) WHERE n.publishedAt >= datetime('2025-01-01T00:00:00+09:00') RETURN count(n)", Map.of());
        anonymous().document("query($f: NewsFilter) { news(filter: $f, first: 100) { totalCount nodes { publishedAt } } }")
                .variable("f", Map.of("published", Map.of("from", "2025-01-01T00:00:00+09:00"))).execute()
                .path("news.totalCount").entity(Long.class).isEqualTo(in2025);
    }

    @Test
    void newsIsNewestFirstAndPagesBackwards() {
        var dates = anonymous().document("{ news(first: 50) { nodes { publishedAt } } }").execute()
                .path("news.nodes[*].publishedAt").entityList(String.class).get();
        var instants = dates.stream().map(d -> java.time.OffsetDateTime.parse(d).toInstant()).toList();
        assertThat(instants).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        anonymous().document("{ news(last: 3) { pageInfo { hasPreviousPage hasNextPage } nodes { id } } }").execute()
                .path("news.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true)
                .path("news.nodes").entityList(Object.class).hasSize(3);
    }

    @Test
    void mentionsOfInternalIssuesAreHidden() {
        graph.write(tx -> tx.run("""
                MATCH (n:NewsItem {id: 'nws_n001'}), (i:Issue {id: 'iss_platform-data-delay'})
                MERGE (n)-[:MENTIONS {text: '데이터 지연', confidence: 0.5}]->(i)""").consume());
        anonymous().document("{ node(id: \"nws_n001\") { ... on NewsItem { mentions { subject { ... on Issue { id } } } } } }").execute()
                .path("node.mentions[*].subject.id").entityList(String.class).doesNotContain("iss_platform-data-delay");
        as(Viewer.Role.STAFF).document("{ node(id: \"nws_n001\") { ... on NewsItem { mentions { subject { ... on Issue { id } } } } } }").execute()
                .path("node.mentions[*].subject.id").entityList(String.class).contains("iss_platform-data-delay");
    }

    @Test
    void theCatalogFiltersByThemePublisherAndAccess() {
        long publicDatasets = count("MATCH (d:Dataset {accessLevel: 'PUBLIC'}) RETURN count(d)", Map.of());
        anonymous().document("{ datasets(first: 100) { totalCount nodes { accessLevel } } }").execute()
                .path("datasets.totalCount").entity(Long.class).isEqualTo(publicDatasets);
        as(Viewer.Role.STAFF).document("{ datasets(first: 100) { totalCount } }").execute()
                .path("datasets.totalCount").entity(Long.class).isEqualTo(count("MATCH (d:Dataset) RETURN count(d)", Map.of()));
        as(Viewer.Role.STAFF).document("""
                { datasets(filter: {publisherIds: ["agc_kt"]}, first: 10) { nodes { id publisher { id } updateFrequency license distributionUrl mediaType temporalStart } } }""")
                .execute()
                .path("datasets.nodes[*].publisher.id").entityList(String.class).satisfies(p -> assertThat(p).isNotEmpty().containsOnly("agc_kt"));
        as(Viewer.Role.STAFF).document("{ datasets(orderBy: TITLE, first: 100) { nodes { title } } }").execute()
                .path("datasets.nodes[*].title").entityList(String.class).satisfies(t -> assertThat(t).isSorted());
    }
}
