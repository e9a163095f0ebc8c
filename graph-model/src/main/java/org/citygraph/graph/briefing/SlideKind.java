package org.citygraph.graph.briefing;

/** A page of the uploaded PDF deck, or a saved GraphQL query shown as a table, chart or figure. */
public enum SlideKind {
    DECK_PAGE, LIVE_DATA
}
