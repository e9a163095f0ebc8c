package org.citygraph.graph.briefing;

/** A slide as it is added; see {@link Slide}. */
public record SlideDraft(SlideKind kind, String title, Integer deckPage, String query, SlideView view, String valuePath,
                         String notes) {
}
