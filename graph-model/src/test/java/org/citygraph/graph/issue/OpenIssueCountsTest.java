package org.citygraph.graph.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The maintained open-issue counts per district stay equal to a count of the issues themselves, for
 * every kind of viewer, through every write that can move an issue in or out of them.
 */
class OpenIssueCountsTest {

    static final Viewer STAFF = new Viewer("usr_staff", "staff", Viewer.Role.STAFF, "agc_nonsan-city");
    static final Viewer PARTNER = new Viewer("usr_partner", "partner", Viewer.Role.PARTNER, "agc_kt");
    /** A partner whose agency owns internal demo issues. */
    static final Viewer OWNING_PARTNER = new Viewer("usr_partner2", "partner", Viewer.Role.PARTNER, "agc_nonsan-civil");
    static final List<Viewer> VIEWERS = List.of(Viewer.ANONYMOUS, STAFF, PARTNER, OWNING_PARTNER);
    static final IssueFilter OPEN = IssueFilter.NONE.withStatuses(IssueStatus.openStatuses());

    Issues issues;

    @BeforeEach
    void setUp() {
        TestGraph.resetToDemo();
        issues = new Issues(TestGraph.graph());
    }

    @Test
    void theCountsReadTheMaintainedNumbers() {
        // Spoil one district's number by hand: the fast path must read it, which proves it is the one used.
        TestGraph.graph().write(tx -> tx.run("MATCH (d:District {id: 'dst_yangchon'}) SET d.openPublicIssues = 999").consume());
        assertThat(byDistrict(issues.counts(Viewer.ANONYMOUS, OPEN, IssueCount.Dimension.DISTRICT))).containsEntry("dst_yangchon", 999L);
    }

    @Test
    void theCountsEqualTheIssuesOnTheDemoCity() {
        assertExact();
        assertThat(byDistrict(issues.counts(STAFF, OPEN, IssueCount.Dimension.DISTRICT)).values().stream().mapToLong(Long::longValue).sum())
                .isPositive();
    }

    @Test
    void creatingAnIssueCountsItWhereItIsAndOnlyForThoseWhoMaySeeIt() {
        var before = Map.of(
                Viewer.ANONYMOUS, byDistrict(issues.counts(Viewer.ANONYMOUS, OPEN, IssueCount.Dimension.DISTRICT)),
                STAFF, byDistrict(issues.counts(STAFF, OPEN, IssueCount.Dimension.DISTRICT)));
        issues.create(STAFF, draft(Visibility.INTERNAL, "dst_yangchon", "dst_chaeun", "agc_nonsan-city"));
        assertThat(byDistrict(issues.counts(STAFF, OPEN, IssueCount.Dimension.DISTRICT)))
                .containsEntry("dst_yangchon", before.get(STAFF).get("dst_yangchon") + 1)
                .containsEntry("dst_chaeun", before.get(STAFF).get("dst_chaeun") + 1);
        assertThat(byDistrict(issues.counts(Viewer.ANONYMOUS, OPEN, IssueCount.Dimension.DISTRICT)))
                .isEqualTo(before.get(Viewer.ANONYMOUS));
        assertExact();
    }

    @Test
    void aPartnerCountsTheInternalIssuesOfItsAgency() {
        var anonymous = byDistrict(issues.counts(Viewer.ANONYMOUS, OPEN, IssueCount.Dimension.DISTRICT));
        var partnerBefore = byDistrict(issues.counts(PARTNER, OPEN, IssueCount.Dimension.DISTRICT));
        var internal = issues.create(STAFF, new IssueDraft("협력기관 내부 이슈", "", IssueCategory.TRAFFIC, Severity.LOW,
                Visibility.INTERNAL, List.of("dst_yangchon"), "agc_nonsan-city", List.of("agc_kt"), null)).value();
        var partnerAfter = byDistrict(issues.counts(PARTNER, OPEN, IssueCount.Dimension.DISTRICT));
        assertThat(partnerAfter).containsEntry("dst_yangchon", partnerBefore.get("dst_yangchon") + 1);
        assertThat(byDistrict(issues.counts(Viewer.ANONYMOUS, OPEN, IssueCount.Dimension.DISTRICT))).isEqualTo(anonymous);
        issues.changeStatus(STAFF, internal.id(), IssueStatus.RESOLVED, null);
        assertThat(byDistrict(issues.counts(PARTNER, OPEN, IssueCount.Dimension.DISTRICT))).isEqualTo(partnerBefore);
        assertExact();
    }

    @Test
    void statusChangesMoveIssuesInAndOutOfTheCounts() {
        var created = issues.create(STAFF, draft(Visibility.PUBLIC, "dst_yangchon", null, "agc_nonsan-city")).value();
        var open = count(Viewer.ANONYMOUS, "dst_yangchon");
        issues.changeStatus(STAFF, created.id(), IssueStatus.MONITORING, null);
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(open);
        issues.changeStatus(STAFF, created.id(), IssueStatus.RESOLVED, null);
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(open - 1);
        assertExact();
        issues.changeStatus(STAFF, created.id(), IssueStatus.CLOSED, null);
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(open - 1);
        issues.changeStatus(STAFF, created.id(), IssueStatus.REOPENED, null);
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(open);
        assertExact();
    }

    @Test
    void linkingAndUnlinkingDistrictsMovesTheCount() {
        var created = issues.create(STAFF, draft(Visibility.PUBLIC, "dst_yangchon", null, "agc_nonsan-city")).value();
        var yangchon = count(Viewer.ANONYMOUS, "dst_yangchon");
        var chaeun = count(Viewer.ANONYMOUS, "dst_chaeun");
        issues.link(STAFF, created.id(), List.of("dst_chaeun"));
        assertThat(count(Viewer.ANONYMOUS, "dst_chaeun")).isEqualTo(chaeun + 1);
        issues.link(STAFF, created.id(), List.of("dst_chaeun"));
        assertThat(count(Viewer.ANONYMOUS, "dst_chaeun")).isEqualTo(chaeun + 1);
        issues.unlink(STAFF, created.id(), List.of("dst_yangchon"));
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(yangchon - 1);
        assertExact();
    }

    @Test
    void changingVisibilityMovesTheIssueBetweenPublicAndInternalCounts() {
        var created = issues.create(STAFF, draft(Visibility.INTERNAL, "dst_yangchon", null, "agc_nonsan-city")).value();
        var anonymous = count(Viewer.ANONYMOUS, "dst_yangchon");
        var staff = count(STAFF, "dst_yangchon");
        issues.update(STAFF, created.id(), new IssueChanges(null, null, null, null, Visibility.PUBLIC, null));
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(anonymous + 1);
        assertThat(count(STAFF, "dst_yangchon")).isEqualTo(staff);
        issues.update(STAFF, created.id(), new IssueChanges(null, null, null, null, Visibility.INTERNAL, null));
        assertThat(count(Viewer.ANONYMOUS, "dst_yangchon")).isEqualTo(anonymous);
        assertExact();
    }

    /** The maintained counts equal the counts computed from the issues (the general query), for every viewer. */
    private void assertExact() {
        // Every category named: the same issues, but a filter the maintained counts do not cover.
        var counted = new IssueFilter(null, null, Arrays.asList(IssueCategory.values()), IssueStatus.openStatuses(), null, null,
                null, null, null, null, null);
        for (var viewer : VIEWERS) {
            assertThat(issues.counts(viewer, OPEN, IssueCount.Dimension.DISTRICT))
                    .as("open issues per district for %s", viewer.role())
                    .containsExactlyInAnyOrderElementsOf(issues.counts(viewer, counted, IssueCount.Dimension.DISTRICT));
        }
    }

    private long count(Viewer viewer, String districtId) {
        return byDistrict(issues.counts(viewer, OPEN, IssueCount.Dimension.DISTRICT)).get(districtId);
    }

    private static Map<String, Long> byDistrict(List<IssueCount> counts) {
        return counts.stream().collect(Collectors.toMap(IssueCount::key, IssueCount::count));
    }

    private static IssueDraft draft(Visibility visibility, String district, String otherDistrict, String owner) {
        var districts = otherDistrict == null ? List.of(district) : List.of(district, otherDistrict);
        return new IssueDraft("집계 시험 이슈", "", IssueCategory.TRAFFIC, Severity.LOW, visibility, districts, owner, null, null);
    }
}
