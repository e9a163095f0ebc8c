package org.citygraph.graph.briefing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Something to be done after a briefing: by which agency, by when, about which issues.
 *
 * @param ownerAgencyId the agency responsible
 */
public record ActionItem(String id, String text, String ownerAgencyId, LocalDate due, List<String> issueIds,
                         OffsetDateTime at, String byName) {
}
