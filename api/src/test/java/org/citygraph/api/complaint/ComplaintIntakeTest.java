package org.citygraph.api.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Public intake over GraphQL, what the hub works out on arrival, and the staff's triage. */
class ComplaintIntakeTest extends ComplaintTestSupport {

    static final double GANGGYEONG_LAT = 36.1563;
    static final double GANGGYEONG_LON = 127.0128;

    GraphQlTester.Response submit(HttpGraphQlTester client, Map<String, Object> input) {
        return client.document(SUBMIT).variable("input", input).execute();
    }

    static Map<String, Object> input(String serviceCode, String description, Double lat, Double lon, String address) {
        var input = new HashMap<String, Object>();
        input.put("serviceCode", serviceCode);
        input.put("description", description);
        input.put("latitude", lat);
        input.put("longitude", lon);
        input.put("address", address);
        return input;
    }

    String id(GraphQlTester.Response response) {
        response.path("submitComplaint.errors").entityList(Object.class).hasSize(0);
        return response.path("submitComplaint.complaint.id").entity(String.class).get();
    }

    @Test
    void aCitizensComplaintIsPlacedFromItsCoordinatesLinkedAndAssigned() {
        var response = submit(anonymous(), input("ROAD_DAMAGE", "논산경찰서 앞 도로가 움푹 파여서 차가 다니기 위험합니다.",
                GANGGYEONG_LAT + 0.001, GANGGYEONG_LON + 0.001, null));
        response.path("submitComplaint.errors").entityList(Object.class).hasSize(0)
                .path("submitComplaint.complaint.id").entity(String.class).satisfies(id -> assertThat(id).startsWith("cmp_"))
                .path("submitComplaint.complaint.status").entity(String.class).isEqualTo("OPEN")
                .path("submitComplaint.complaint.category").entity(String.class).isEqualTo("TRAFFIC")
                .path("submitComplaint.complaint.district.id").entity(String.class).isEqualTo("dst_ganggyeong")
                .path("submitComplaint.complaint.agency.id").entity(String.class).isEqualTo("agc_nonsan-traffic")
                .path("submitComplaint.complaint.mentions[*].subject.id").entityList(String.class).contains("agc_nonsan-police");
    }

    @Test
    void withoutCoordinatesTheAddressPlacesTheComplaint() {
        submit(anonymous(), input("STREETLIGHT", "골목 보안등이 일주일째 꺼져 있어요.", null, null, "연무읍 안심리 마을회관 뒤"))
                .path("submitComplaint.errors").entityList(Object.class).hasSize(0)
                .path("submitComplaint.complaint.district.id").entity(String.class).isEqualTo("dst_yeonmu")
                .path("submitComplaint.complaint.agency.id").entity(String.class).isEqualTo("agc_nonsan-safety");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        long before = count("MATCH (c:Complaint) RETURN count(c)", Map.of());
        submit(anonymous(), input("NO_SUCH_SERVICE", " ", 36.2, null, null))
                .path("submitComplaint.complaint").valueIsNull()
                .path("submitComplaint.errors[*].code").entityList(String.class)
                .contains("UNKNOWN_SERVICE", "REQUIRED");
        submit(anonymous(), input("NOISE_ODOR", "서울 시청 앞이 시끄러워요", 37.5665, 126.9780, null))
                .path("submitComplaint.errors[0].code").entity(String.class).isEqualTo("OUTSIDE_CITY")
                .path("submitComplaint.errors[0].field").entityList(String.class).containsExactly("input", "latitude");
        var contact = new HashMap<String, Object>(input("NOISE_ODOR", "소음", GANGGYEONG_LAT, GANGGYEONG_LON, null));
        contact.put("contact", Map.of("email", "not an address"));
        contact.put("mediaUrl", "javascript:alert(1)");
        submit(anonymous(), contact).path("submitComplaint.errors[*].code").entityList(String.class)
                .contains("INVALID_EMAIL", "INVALID_URL");
        assertThat(count("MATCH (c:Complaint) RETURN count(c)", Map.of())).isEqualTo(before);
        assertThat(count("MATCH (p:ComplaintContact) WHERE NOT (p)<-[:FILED_BY]-() RETURN count(p)", Map.of())).isZero();
    }

    @Test
    void nearbyRecentComplaintsOfTheSameCategoryAreSuggestedAsDuplicates() {
        // a spot of Chaeun used by no other test
        double lat = 36.1852, lon = 127.0424;
        var first = id(submit(anonymous(), input("ILLEGAL_DUMPING", "채운면 하천변에 폐가구가 버려져 있습니다.", lat, lon, null)));
        var otherKind = id(submit(anonymous(), input("ROAD_DAMAGE", "같은 곳 도로 파손", lat, lon, null)));
        var far = submit(anonymous(), input("ILLEGAL_DUMPING", "채운면 다른 마을 쓰레기", lat + 0.01, lon, null));
        far.path("submitComplaint.complaint.suggestedDuplicates").entityList(Object.class).hasSize(0);
        // about 45 m north of the first
        submit(anonymous(), input("ILLEGAL_DUMPING", "하천변 폐가구 아직 그대로예요", lat + 0.0004, lon, null))
                .path("submitComplaint.complaint.suggestedDuplicates[*].complaint.id").entityList(String.class)
                .containsExactly(first)
                .path("submitComplaint.complaint.suggestedDuplicates[0].meters").entity(Double.class)
                .satisfies(m -> assertThat(m).isBetween(40.0, 50.0));
        assertThat(otherKind).isNotEqualTo(first);
    }

    @Test
    void staffAssignReplyMergeAndOpenAnIssueFromComplaints() {
        double lat = 36.1432, lon = 127.0549; // Eunjin
        var a = id(submit(anonymous(), input("FLOODING", "은진면 배수로가 막혀 비가 오면 도로가 잠깁니다.", lat, lon, null)));
        var b = id(submit(anonymous(), input("FLOODING", "배수로 막힘, 도로 침수", lat + 0.0002, lon, null)));

        var assign = "mutation($i: AssignComplaintInput!) { assignComplaint(input: $i) { complaint { status agency { id } } errors { code } } }";
        anonymous().document(assign).variable("i", Map.of("id", a, "agencyId", "agc_nonsan-environment")).execute()
                .errors().satisfy(errors -> assertThat(errors).anySatisfy(e ->
                        assertThat(e.getExtensions().get("code")).isEqualTo("UNAUTHENTICATED")));
        as(Viewer.Role.STAFF).document(assign).variable("i", Map.of("id", a, "agencyId", "agc_nonsan-environment")).execute()
                .path("assignComplaint.complaint.agency.id").entity(String.class).isEqualTo("agc_nonsan-environment")
                .path("assignComplaint.complaint.status").entity(String.class).isEqualTo("IN_PROGRESS");
        as(Viewer.Role.STAFF).document(assign).variable("i", Map.of("id", a, "agencyId", "agc_nowhere")).execute()
                .path("assignComplaint.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");

        var reply = "mutation($i: ReplyToComplaintInput!) { replyToComplaint(input: $i) { complaint { status statusNotes } errors { field code } } }";
        as(Viewer.Role.STAFF).document(reply).variable("i", Map.of("id", a, "status", "IN_PROGRESS", "notes", " ")).execute()
                .path("replyToComplaint.errors[0].code").entity(String.class).isEqualTo("REQUIRED");
        as(Viewer.Role.STAFF).document(reply).variable("i", Map.of("id", a, "status", "IN_PROGRESS",
                        "notes", "현장 확인 후 이번 주 안에 준설하겠습니다.")).execute()
                .path("replyToComplaint.complaint.statusNotes").entity(String.class).isEqualTo("현장 확인 후 이번 주 안에 준설하겠습니다.");
        // the citizen reads the reply through Open311
        var open311 = read(get("/open311/v2/requests/" + a + ".json").body());
        assertThat(open311.path(0).path("status_notes").asText()).isEqualTo("현장 확인 후 이번 주 안에 준설하겠습니다.");
        assertThat(open311.path(0).path("agency_responsible").asText()).isEqualTo("논산시 환경과");

        var merge = "mutation($i: MergeComplaintInput!) { mergeComplaint(input: $i) { complaint { status duplicateOf { id } } errors { code } } }";
        as(Viewer.Role.STAFF).document(merge).variable("i", Map.of("id", b, "intoId", b)).execute()
                .path("mergeComplaint.errors[0].code").entity(String.class).isEqualTo("SELF_MERGE");
        as(Viewer.Role.STAFF).document(merge).variable("i", Map.of("id", b, "intoId", a)).execute()
                .path("mergeComplaint.complaint.status").entity(String.class).isEqualTo("CLOSED")
                .path("mergeComplaint.complaint.duplicateOf.id").entity(String.class).isEqualTo(a);
        as(Viewer.Role.STAFF).document(merge).variable("i", Map.of("id", b, "intoId", a)).execute()
                .path("mergeComplaint.errors[0].code").entity(String.class).isEqualTo("ALREADY_MERGED");

        var open = "mutation($i: OpenIssueFromComplaintsInput!) { openIssueFromComplaints(input: $i) { issue { id title category owner { id } districts { id } complaintCount } errors { code } } }";
        var issueId = as(Viewer.Role.STAFF).document(open).variable("i", Map.of("ids", List.of(a, b), "title", "은진면 배수로 막힘")).execute()
                .path("openIssueFromComplaints.errors").entityList(Object.class).hasSize(0)
                .path("openIssueFromComplaints.issue.category").entity(String.class).isEqualTo("DISASTER")
                .path("openIssueFromComplaints.issue.owner.id").entity(String.class).isEqualTo("agc_nonsan-environment")
                .path("openIssueFromComplaints.issue.districts[*].id").entityList(String.class).containsExactly("dst_eunjin")
                .path("openIssueFromComplaints.issue.complaintCount").entity(Integer.class).isEqualTo(2)
                .path("openIssueFromComplaints.issue.id").entity(String.class).get();
        anonymous().document("query($id: ID!) { complaint(id: $id) { issue { id } } }").variable("id", a).execute()
                .path("complaint.issue.id").entity(String.class).isEqualTo(issueId);

        // an unknown complaint in the list: nothing is opened, nothing is attached
        long issues = count("MATCH (i:Issue) RETURN count(i)", Map.of());
        as(Viewer.Role.STAFF).document(open).variable("i", Map.of("ids", List.of(a, "cmp_nothere"))).execute()
                .path("openIssueFromComplaints.issue").valueIsNull()
                .path("openIssueFromComplaints.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        assertThat(count("MATCH (i:Issue) RETURN count(i)", Map.of())).isEqualTo(issues);

        var attach = "mutation($i: AttachComplaintsInput!) { attachComplaints(input: $i) { complaints { id issue { id } } errors { code } } }";
        as(Viewer.Role.STAFF).document(attach).variable("i", Map.of("ids", List.of(a), "issueId", "iss_ganggyeong-flood")).execute()
                .path("attachComplaints.complaints[0].issue.id").entity(String.class).isEqualTo("iss_ganggyeong-flood");

        as(Viewer.Role.STAFF).document("query($d: ID!) { complaints(filter: {districtId: $d}, first: 10) { totalCount nodes { id } } }")
                .variable("d", "dst_nonsan").execute()
                .path("complaints.nodes[*].id").entityList(String.class).contains(a, b);
    }
}
