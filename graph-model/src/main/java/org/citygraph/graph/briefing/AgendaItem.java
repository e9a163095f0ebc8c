package org.citygraph.graph.briefing;

/**
 * One point of a briefing's agenda, in order.
 *
 * @param issueId the issue it is about, if any
 * @param minutes the time planned for it
 */
public record AgendaItem(int position, String title, String issueId, Integer minutes) {
}
