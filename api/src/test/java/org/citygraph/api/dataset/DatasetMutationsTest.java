package org.citygraph.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;

/** The staff's dataset mutations, with DCAT fields and their validation. */
class DatasetMutationsTest extends ApiTest {

    static final String CREATE = """
            mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
              dataset { id title themes keywords publisher { id } districts { id } issues { id } temporalStart temporalEnd
                        updateFrequency license distributionUrl mediaType accessLevel modifiedAt }
              errors { field code message } } }""";

    @Test
    void createsAndUpdatesADataset() {
        var id = as(Viewer.Role.STAFF).document(CREATE).variable("input", Map.ofEntries(
                        Map.entry("title", "연무읍 주말 유동인구"), Map.entry("description", "입영 주말 시간대별 유동인구"),
                        Map.entry("publisherId", "agc_kt"), Map.entry("themes", List.of("인구")),
                        Map.entry("keywords", List.of("유동인구", "입영")), Map.entry("districtIds", List.of("dst_yeonmu")),
                        Map.entry("temporalStart", "2025-01-01"), Map.entry("updateFrequency", "DAILY"),
                        Map.entry("license", "이용허락범위 제한"), Map.entry("distributionUrl", "https://data.example.kr/yeonmu.csv"),
                        Map.entry("mediaType", "text/csv"), Map.entry("accessLevel", "RESTRICTED"),
                        Map.entry("issueIds", List.of("iss_yeonmu-enlistment-traffic"))))
                .execute()
                .path("createDataset.errors").entityList(Object.class).hasSize(0)
                .path("createDataset.dataset.publisher.id").entity(String.class).isEqualTo("agc_kt")
                .path("createDataset.dataset.issues[*].id").entityList(String.class).containsExactly("iss_yeonmu-enlistment-traffic")
                .path("createDataset.dataset.distributionUrl").entity(String.class).isEqualTo("https://data.example.kr/yeonmu.csv")
                .path("createDataset.dataset.id").entity(String.class).get();
        anonymous().document("{ dataset(id: \"" + id + "\") { id } }").execute().path("dataset").valueIsNull();
        as(Viewer.Role.STAFF).document("""
                mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { accessLevel keywords districts { id } } errors { code } } }""")
                .variable("input", Map.of("id", id, "accessLevel", "PUBLIC", "keywords", List.of("유동인구"),
                        "districtIds", List.of("dst_yeonmu", "dst_eunjin")))
                .execute()
                .path("updateDataset.dataset.accessLevel").entity(String.class).isEqualTo("PUBLIC")
                .path("updateDataset.dataset.keywords").entityList(String.class).containsExactly("유동인구")
                .path("updateDataset.dataset.districts[*].id").entityList(String.class).satisfies(l -> assertThat(l).containsExactlyInAnyOrder("dst_yeonmu", "dst_eunjin"));
        anonymous().document("{ datasets(filter: {text: \"입영\"}, first: 10) { nodes { id } } }").execute()
                .path("datasets.nodes[*].id").entityList(String.class).contains(id);
    }

    @Test
    void refusesBadFieldsAllAtOnceAndWritesNothing() {
        long before = count("MATCH (d:Dataset) RETURN count(d)", Map.of());
        as(Viewer.Role.STAFF).document(CREATE).variable("input", Map.of(
                        "title", " ", "publisherId", "agc_kt", "mediaType", "csv",
                        "temporalStart", "2025-02-01", "temporalEnd", "2025-01-01", "distributionUrl", "ftp://example.kr/x"))
                .execute()
                .path("createDataset.dataset").valueIsNull()
                .path("createDataset.errors[*].code").entityList(String.class)
                .satisfies(l -> assertThat(l).containsExactlyInAnyOrder("REQUIRED", "INVALID_MEDIA_TYPE", "BEFORE_START", "INVALID_URL"));
        as(Viewer.Role.STAFF).document(CREATE).variable("input", Map.of("title", "발행기관 없음", "publisherId", "agc_ghost"))
                .execute().path("createDataset.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        assertThat(count("MATCH (d:Dataset) RETURN count(d)", Map.of())).isEqualTo(before);
    }
}
