package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;

/** The uploaded PDF of a briefing, without its bytes. */
public record Deck(String fileName, String mediaType, long size, String sha256, OffsetDateTime uploadedAt) {
}
