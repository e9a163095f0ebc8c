package org.citygraph.api.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.TestGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Districts and agencies, walked in both directions as deep as a front end would. */
class DistrictAndAgencyQueriesTest extends ApiTest {

    @BeforeAll
    static void demoCity() {
        TestGraph.resetToDemo();
    }

    @Test
    void theCityHasItsFifteenDistricts() {
        anonymous().document("{ district(code: \"4423000000\") { name level children { name level } } }").execute()
                .path("district.name").entity(String.class).isEqualTo("논산시")
                .path("district.level").entity(String.class).isEqualTo("CITY")
                .path("district.children[*].name").entityList(String.class).hasSize(15)
                .contains("강경읍", "연무읍", "성동면", "광석면", "노성면", "상월면", "부적면", "연산면", "벌곡면", "양촌면",
                        "가야곡면", "은진면", "채운면", "취암동", "부창동");
    }

    @Test
    void districtsByLevelAndByParentWithCount() {
        anonymous().document("{ districts(level: MYEON, first: 100) { totalCount nodes { level } } }").execute()
                .path("districts.totalCount").entity(Long.class).isEqualTo(count("MATCH (d:District {level: 'MYEON'}) RETURN count(d)", Map.of()))
                .path("districts.nodes[*].level").entityList(String.class).satisfies(l -> assertThat(l).containsOnly("MYEON"));
        anonymous().document("{ districts(parentId: \"dst_nonsan\", first: 100) { totalCount } }").execute()
                .path("districts.totalCount").entity(Long.class).isEqualTo(15L);
    }

    @Test
    void aDistrictKnowsItsIssuesAgenciesDatasetsAndNews() {
        anonymous().document("""
                { district(id: "dst_ganggyeong") {
                    name nameEn latitude longitude population
                    parent { name }
                    agencies { id }
                    issues(first: 100) { totalCount nodes { districts { id } } }
                    datasets(first: 50) { totalCount nodes { id accessLevel } }
                    news(first: 50) { totalCount nodes { mentions { subject { ... on District { id } } } } }
                } }""").execute()
                .path("district.nameEn").entity(String.class).isEqualTo("Ganggyeong-eup")
                .path("district.parent.name").entity(String.class).isEqualTo("논산시")
                .path("district.agencies[*].id").entityList(String.class).contains("agc_nonsan-city", "agc_nonsan-police")
                .path("district.issues.totalCount").entity(Long.class).isEqualTo(count("""
                        MATCH (i:Issue {visibility: 'PUBLIC'})-[:LOCATED_IN]->(:District {id: 'dst_ganggyeong'}) RETURN count(i)""", Map.of()))
                .path("district.datasets.nodes[*].accessLevel").entityList(String.class).satisfies(a -> assertThat(a).containsOnly("PUBLIC"))
                .path("district.news.totalCount").entity(Long.class).isEqualTo(count("""
                        MATCH (n:NewsItem)-[:MENTIONS]->(:District {id: 'dst_ganggyeong'}) RETURN count(DISTINCT n)""", Map.of()));
    }

    @Test
    void agenciesByKindAndTheirRelationships() {
        anonymous().document("{ agencies(kinds: [POLICE, FIRE], first: 10) { totalCount nodes { name kind } } }").execute()
                .path("agencies.nodes[*].name").entityList(String.class).containsExactly("논산경찰서", "논산소방서");
        anonymous().document("""
                { agency(id: "agc_nonsan-safety") {
                    name kind parent { id } serves { id }
                    issues(role: OWNER, first: 50) { totalCount nodes { owner { id } } }
                    datasets(first: 10) { nodes { publisher { id } } }
                } }""").execute()
                .path("agency.parent.id").entity(String.class).isEqualTo("agc_nonsan-city")
                .path("agency.issues.nodes[*].owner.id").entityList(String.class)
                .satisfies(o -> assertThat(o).isNotEmpty().containsOnly("agc_nonsan-safety"));
        anonymous().document("{ agency(id: \"agc_nonsan-city\") { children { id } } }").execute()
                .path("agency.children[*].id").entityList(String.class).contains("agc_nonsan-safety", "agc_nonsan-health-center");
    }

    @Test
    void relationshipsWalkBackAndForth() {
        // district -> issues -> agencies -> datasets -> issues -> districts
        anonymous().document("""
                { district(id: "dst_chwiam") { issues(first: 5) { nodes { owner { datasets(first: 3) { nodes {
                    issues { districts { name } } } } } } } } }""").execute()
                .path("district.issues.nodes").entityList(Object.class).hasSizeGreaterThan(0);
    }

    @Test
    void nodeAndNodesResolveEveryType() {
        anonymous().document("""
                { nodes(ids: ["dst_ganggyeong", "agc_nonsan-police", "iss_fine-dust", "dts_air-quality-hourly", "nws_n001", "iss_unknown", "bogus"]) {
                    __typename id } }""").execute()
                .path("nodes[*].__typename").entityList(String.class).containsExactly("District", "Agency", "Issue", "Dataset", "NewsItem")
                .path("nodes").entityList(Object.class).hasSize(7);
        anonymous().document("{ node(id: \"dts_crime-traffic-accident-stats\") { id } }").execute()
                .path("node").valueIsNull();
    }
}
