package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;

/** A chat message of a briefing, kept with it. */
public record ChatMessage(String id, String briefingId, Person author, String text, OffsetDateTime at) {
}
