package org.citygraph.api.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.Outbox;
import org.junit.jupiter.api.Test;

/** The staff's issue mutations: the lifecycle, links, validation, and that a refusal writes nothing. */
class IssueMutationsTest extends ApiTest {

    private String createIssue(String title) {
        return as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", title, "summary", "시험용 이슈", "category", "SAFETY", "severity", "MEDIUM",
                        "ownerId", "agc_nonsan-safety", "districtIds", List.of("dst_yeonmu"), "note", "처음 접수"))
                .execute()
                .path("createIssue.errors").entityList(Object.class).hasSize(0)
                .path("createIssue.issue.id").entity(String.class).get();
    }

    @Test
    void createsAnOpenIssueWithItsLinksHistoryAndAnEvent() {
        long before = Outbox.latest(graph);
        var response = as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                "title", "연무읍 배수로 막힘", "category", "DISASTER", "severity", "HIGH", "visibility", "INTERNAL",
                "ownerId", "agc_nonsan-safety", "districtIds", List.of("dst_yeonmu"),
                "involvedAgencyIds", List.of("agc_nonsan-fire", "agc_army-training-center"), "note", "현장 확인 요청")).execute();
        response.path("createIssue.issue.status").entity(String.class).isEqualTo("OPEN")
                .path("createIssue.issue.visibility").entity(String.class).isEqualTo("INTERNAL")
                .path("createIssue.issue.owner.id").entity(String.class).isEqualTo("agc_nonsan-safety")
                .path("createIssue.issue.involvedAgencies[*].id").entityList(String.class)
                .satisfies(l -> assertThat(l).containsExactlyInAnyOrder("agc_nonsan-fire", "agc_army-training-center"))
                .path("createIssue.issue.history[0].to").entity(String.class).isEqualTo("OPEN")
                .path("createIssue.issue.history[0].by").entity(String.class).isEqualTo("시험 STAFF")
                .path("createIssue.issue.history[0].note").entity(String.class).isEqualTo("현장 확인 요청");
        var id = response.path("createIssue.issue.id").entity(String.class).get();
        assertThat(id).startsWith("iss_");
        var events = Outbox.since(graph, before, 10);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.kind().name()).isEqualTo("ISSUE_CREATED");
            assertThat(e.subjectId()).isEqualTo(id);
        });
    }

    @Test
    void invalidInputGetsFieldErrorsAndWritesNothing() {
        long issues = count("MATCH (i:Issue) RETURN count(i)", Map.of());
        long events = Outbox.latest(graph);
        as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", "x".repeat(201), "category", "SAFETY", "severity", "LOW", "ownerId", "agc_nonsan-safety"))
                .execute()
                .path("createIssue.issue").valueIsNull()
                .path("createIssue.errors[0].field").entityList(String.class).containsExactly("input", "title")
                .path("createIssue.errors[0].code").entity(String.class).isEqualTo("TOO_LONG");
        // A district that does not exist is found inside the transaction, after the issue node was created: it must roll back.
        as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", "없는 읍면동", "category", "SAFETY", "severity", "LOW", "ownerId", "agc_nonsan-safety",
                        "districtIds", List.of("dst_nowhere")))
                .execute()
                .path("createIssue.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND")
                .path("createIssue.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains("dst_nowhere"));
        assertThat(count("MATCH (i:Issue) RETURN count(i)", Map.of())).isEqualTo(issues);
        assertThat(Outbox.latest(graph)).isEqualTo(events);
    }

    @Test
    void theLifecycleIsEnforcedAndEveryStepIsKept() {
        var id = createIssue("생활 불편 시험 " + System.nanoTime());
        as(Viewer.Role.STAFF).documentName("changeIssueStatus").variable("input", Map.of("id", id, "to", "CLOSED")).execute()
                .path("changeIssueStatus.issue").valueIsNull()
                .path("changeIssueStatus.errors[0].code").entity(String.class).isEqualTo("ILLEGAL_TRANSITION")
                .path("changeIssueStatus.errors[0].message").entity(String.class)
                .satisfies(m -> assertThat(m).contains("OPEN").contains("CLOSED"));
        for (var step : List.of("MONITORING", "RESOLVED", "CLOSED", "REOPENED", "RESOLVED")) {
            as(Viewer.Role.STAFF).documentName("changeIssueStatus")
                    .variable("input", Map.of("id", id, "to", step, "note", "단계 " + step)).execute()
                    .path("changeIssueStatus.errors").entityList(Object.class).hasSize(0)
                    .path("changeIssueStatus.issue.status").entity(String.class).isEqualTo(step);
        }
        as(Viewer.Role.STAFF).documentName("issueDetail").variable("id", id).execute()
                .path("issue.history[*].to").entityList(String.class)
                .containsExactly("OPEN", "MONITORING", "RESOLVED", "CLOSED", "REOPENED", "RESOLVED")
                .path("issue.history[*].from").entityList(String.class)
                .containsExactly(null, "OPEN", "MONITORING", "RESOLVED", "CLOSED", "REOPENED")
                .path("issue.resolvedAt").hasValue();
    }

    @Test
    void updatesOnlyWhatChangedAndRecordsWhichFields() {
        var id = createIssue("수정 시험 " + System.nanoTime());
        long before = Outbox.latest(graph);
        as(Viewer.Role.STAFF).document("""
                mutation($input: UpdateIssueInput!) { updateIssue(input: $input) { issue { title severity owner { id } } errors { code } } }""")
                .variable("input", Map.of("id", id, "severity", "CRITICAL", "ownerId", "agc_nonsan-fire")).execute()
                .path("updateIssue.issue.severity").entity(String.class).isEqualTo("CRITICAL")
                .path("updateIssue.issue.owner.id").entity(String.class).isEqualTo("agc_nonsan-fire");
        assertThat(Outbox.since(graph, before, 10)).singleElement().satisfies(e -> {
            assertThat(e.kind().name()).isEqualTo("ISSUE_UPDATED");
            assertThat(e.fields()).containsExactlyInAnyOrder("severity", "owner");
        });
        as(Viewer.Role.STAFF).document("mutation { updateIssue(input: {id: \"iss_nope\", title: \"x\"}) { issue { id } errors { code } } }")
                .execute().path("updateIssue.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
    }

    @Test
    void linksAndUnlinksByTheTypeOfEachId() {
        var id = createIssue("연결 시험 " + System.nanoTime());
        as(Viewer.Role.STAFF).document("""
                mutation($input: LinkIssueInput!) { linkIssue(input: $input) { issue { districts { id } involvedAgencies { id }
                  relatedIssues { id } datasets { id } } errors { code } } }""")
                .variable("input", Map.of("id", id, "targetIds", List.of("dst_eunjin", "agc_nonsan-police", "iss_fine-dust",
                        "dts_air-quality-hourly")))
                .execute()
                .path("linkIssue.issue.districts[*].id").entityList(String.class).satisfies(l -> assertThat(l).containsExactlyInAnyOrder("dst_yeonmu", "dst_eunjin"))
                .path("linkIssue.issue.involvedAgencies[*].id").entityList(String.class).containsExactly("agc_nonsan-police")
                .path("linkIssue.issue.relatedIssues[*].id").entityList(String.class).containsExactly("iss_fine-dust")
                .path("linkIssue.issue.datasets[*].id").entityList(String.class).containsExactly("dts_air-quality-hourly");
        // The other side sees the link too.
        as(Viewer.Role.STAFF).document("{ issue(id: \"iss_fine-dust\") { relatedIssues { id } } }").execute()
                .path("issue.relatedIssues[*].id").entityList(String.class).contains(id);
        as(Viewer.Role.STAFF).document("""
                mutation($input: LinkIssueInput!) { unlinkIssue(input: $input) { issue { districts { id } relatedIssues { id } datasets { id } } } }""")
                .variable("input", Map.of("id", id, "targetIds", List.of("dst_eunjin", "iss_fine-dust", "dts_air-quality-hourly")))
                .execute()
                .path("unlinkIssue.issue.districts[*].id").entityList(String.class).containsExactly("dst_yeonmu")
                .path("unlinkIssue.issue.relatedIssues").entityList(Object.class).hasSize(0)
                .path("unlinkIssue.issue.datasets").entityList(Object.class).hasSize(0);
        as(Viewer.Role.STAFF).document("mutation { linkIssue(input: {id: \"" + id + "\", targetIds: [\"" + id + "\"]}) { errors { code } } }")
                .execute().path("linkIssue.errors[0].code").entity(String.class).isEqualTo("SELF_LINK");
        as(Viewer.Role.STAFF).document("mutation { linkIssue(input: {id: \"" + id + "\", targetIds: [\"dst_atlantis\"]}) { errors { code } } }")
                .execute().path("linkIssue.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
    }

    @Test
    void anonymousVisitorsAndPartnersCannotWrite() {
        anonymous().documentName("createIssue").variable("input", Map.of("title", "x", "category", "SAFETY", "severity", "LOW",
                        "ownerId", "agc_nonsan-safety")).execute()
                .errors().satisfy(e -> assertThat(e).singleElement().satisfies(err -> assertThat(err.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        as(Viewer.Role.PARTNER).documentName("createIssue").variable("input", Map.of("title", "x", "category", "SAFETY", "severity", "LOW",
                        "ownerId", "agc_nonsan-safety")).execute()
                .errors().satisfy(e -> assertThat(e).singleElement().satisfies(err -> assertThat(err.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }
}
