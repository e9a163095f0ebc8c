package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A briefing as it is scheduled or changed; for changes, {@code null} leaves a field as it is (a
 * given agenda replaces the whole agenda).
 *
 * @param restricted when true, only the host, invitees and administrators may enter; otherwise all
 *                   staff may, and partners when invited
 */
public record BriefingDraft(String title, String purpose, OffsetDateTime scheduledStart, List<AgendaDraft> agenda,
                            List<String> inviteeIds, Boolean restricted) {

    /** An agenda point as given. */
    public record AgendaDraft(String title, String issueId, Integer minutes) {
    }
}
