package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;
import java.util.List;

/** A decision recorded in a briefing's minutes, with the issues and agencies it concerns. */
public record Decision(String id, String text, List<String> issueIds, List<String> agencyIds, OffsetDateTime at,
                       String byName) {
}
