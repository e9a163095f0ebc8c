package org.citygraph.api.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.ComplaintDraft;
import org.citygraph.graph.complaint.Complaints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live counters and rising signals over a constructed history: Yangchon gets 3 noise complaints in
 * the last day against 4 in the four weeks before (rising); Beolgok gets 3 against 28 (its usual).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RisingComplaintsTest extends ComplaintTestSupport {

    static final String RISING = """
            { risingComplaints { district { id name } category recent usual from to } }""";

    @Autowired
    Complaints complaints;

    @BeforeAll
    void history() {
        var now = OffsetDateTime.now();
        for (int day = 0; day < 4; day++) {
            file("dst_yangchon", now.minusDays(2 + day * 6L));
        }
        for (int day = 0; day < 28; day++) {
            file("dst_beolgok", now.minusDays(1 + day).minusHours(1));
        }
        for (int minute = 1; minute <= 3; minute++) {
            file("dst_yangchon", now.minusMinutes(minute));
            file("dst_beolgok", now.minusMinutes(minute));
        }
    }

    /** Stored as imported history: the hub's own write, with the time it was made. */
    void file(String districtId, OffsetDateTime at) {
        complaints.create(Viewer.SYSTEM, new ComplaintDraft("NOISE_ODOR", "밤마다 축사 악취와 소음이 심합니다.", "마을 안길", null, null,
                null, null, districtId, List.of(), at), 0, Duration.ofDays(7));
    }

    @Test
    void aDistrictAboveItsFourWeekBaselineIsRisingAndOneAtItsUsualRateIsNot() {
        var rising = anonymous().document(RISING).execute();
        rising.path("risingComplaints[?(@.district.id == 'dst_yangchon' && @.category == 'ENVIRONMENT')].recent")
                .entityList(Integer.class).containsExactly(3);
        rising.path("risingComplaints[?(@.district.id == 'dst_yangchon' && @.category == 'ENVIRONMENT')].usual")
                .entityList(Double.class).satisfies(usual -> assertThat(usual.get(0)).isCloseTo(4.0 / 28, org.assertj.core.data.Offset.offset(0.001)));
        rising.path("risingComplaints[?(@.district.id == 'dst_beolgok')]").entityList(Object.class).hasSize(0);
    }

    @Test
    void todaysCountersCountByDistrictAndCategory() {
        var counters = anonymous().document("{ complaintCounters(period: TODAY) { period from total counts { district { id } category count } } }")
                .execute();
        counters.path("complaintCounters.counts[?(@.district.id == 'dst_yangchon' && @.category == 'ENVIRONMENT')].count")
                .entityList(Integer.class).containsExactly(3);
        counters.path("complaintCounters.total").entity(Integer.class).satisfies(total -> assertThat(total).isGreaterThanOrEqualTo(6));
        anonymous().document("{ complaintCounters(period: WEEK) { counts { district { id } category count } } }").execute()
                .path("complaintCounters.counts[?(@.district.id == 'dst_yangchon' && @.category == 'ENVIRONMENT')].count")
                .entityList(Integer.class).satisfies(c -> assertThat(c.get(0)).isBetween(3, 4));
    }

    @Test
    void staffTurnARisingSignalIntoAnIssueWithOneAction() {
        var open = """
                mutation($i: OpenIssueFromRisingInput!) {
                  openIssueFromRising(input: $i) { issue { id title category districts { id } complaintCount } errors { field code } }
                }""";
        anonymous().document(open).variable("i", Map.of("districtId", "dst_yangchon", "category", "ENVIRONMENT")).execute()
                .errors().satisfy(errors -> assertThat(errors).anySatisfy(e ->
                        assertThat(e.getExtensions().get("code")).isEqualTo("UNAUTHENTICATED")));
        as(Viewer.Role.STAFF).document(open).variable("i", Map.of("districtId", "dst_beolgok", "category", "ENVIRONMENT")).execute()
                .path("openIssueFromRising.issue").valueIsNull()
                .path("openIssueFromRising.errors[0].code").entity(String.class).isEqualTo("NOT_RISING");
        as(Viewer.Role.STAFF).document(open).variable("i", Map.of("districtId", "dst_yangchon", "category", "ENVIRONMENT")).execute()
                .path("openIssueFromRising.errors").entityList(Object.class).hasSize(0)
                .path("openIssueFromRising.issue.title").entity(String.class).satisfies(t -> assertThat(t).contains("양촌면"))
                .path("openIssueFromRising.issue.districts[*].id").entityList(String.class).containsExactly("dst_yangchon")
                .path("openIssueFromRising.issue.complaintCount").entity(Integer.class).isEqualTo(3);
    }
}
