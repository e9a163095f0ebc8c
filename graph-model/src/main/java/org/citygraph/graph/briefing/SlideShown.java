package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;

/** The presenter moved to a slide at a time; kept with the minutes. */
public record SlideShown(int position, String title, OffsetDateTime at, String byName) {
}
