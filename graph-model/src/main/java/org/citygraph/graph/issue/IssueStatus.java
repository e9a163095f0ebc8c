package org.citygraph.graph.issue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lifecycle of an issue. An issue opens, may be watched (MONITORING), is RESOLVED, then CLOSED;
 * a resolved or closed issue can be REOPENED, which counts as open again. Any other move is refused.
 */
public enum IssueStatus {
    OPEN, MONITORING, RESOLVED, CLOSED, REOPENED;

    /** The statuses this one may move to. */
    public Set<IssueStatus> next() {
        return switch (this) {
            case OPEN, REOPENED -> EnumSet.of(MONITORING, RESOLVED);
            case MONITORING -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case CLOSED -> EnumSet.of(REOPENED);
        };
    }

    public boolean canMoveTo(IssueStatus target) {
        return next().contains(target);
    }

    /** Open statuses: the issue still needs attention. */
    public boolean isOpen() {
        return this == OPEN || this == MONITORING || this == REOPENED;
    }

    public static List<IssueStatus> openStatuses() {
        return Arrays.stream(values()).filter(IssueStatus::isOpen).toList();
    }
}
