package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;

/** One stay of one person in a briefing's room: when they joined and, once gone, when they left. */
public record Attendance(Person person, OffsetDateTime joinedAt, OffsetDateTime leftAt) {
}
