package org.citygraph.graph.briefing;

/**
 * One slide of a briefing, in order (positions from 0).
 *
 * @param deckPage  for a deck page: the page of the PDF, from 1
 * @param query     for a live data slide: the saved GraphQL query, run with each viewer's own rights
 * @param view      for a live data slide: how its rows are shown
 * @param valuePath for a live data slide: where the rows are in the answer, e.g. {@code issueCounts}
 * @param notes     the presenter's notes
 */
public record Slide(int position, SlideKind kind, String title, Integer deckPage, String query, SlideView view,
                    String valuePath, String notes) {
}
