package org.citygraph.graph.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citygraph.graph.issue.IssueStatus.CLOSED;
import static org.citygraph.graph.issue.IssueStatus.MONITORING;
import static org.citygraph.graph.issue.IssueStatus.OPEN;
import static org.citygraph.graph.issue.IssueStatus.REOPENED;
import static org.citygraph.graph.issue.IssueStatus.RESOLVED;

import org.junit.jupiter.api.Test;

class IssueStatusTest {

    @Test
    void followsTheLifecycle() {
        assertThat(OPEN.next()).containsExactlyInAnyOrder(MONITORING, RESOLVED);
        assertThat(MONITORING.next()).containsExactlyInAnyOrder(OPEN, RESOLVED);
        assertThat(RESOLVED.next()).containsExactlyInAnyOrder(CLOSED, REOPENED);
        assertThat(CLOSED.next()).containsExactly(REOPENED);
        assertThat(REOPENED.next()).containsExactlyInAnyOrder(MONITORING, RESOLVED);
    }

    @Test
    void refusesSkipsAndGoingBack() {
        assertThat(OPEN.canMoveTo(CLOSED)).isFalse();
        assertThat(CLOSED.canMoveTo(OPEN)).isFalse();
        assertThat(RESOLVED.canMoveTo(MONITORING)).isFalse();
        assertThat(OPEN.canMoveTo(OPEN)).isFalse();
    }

    @Test
    void reopenedCountsAsOpen() {
        assertThat(IssueStatus.openStatuses()).containsExactlyInAnyOrder(OPEN, MONITORING, REOPENED);
    }
}
