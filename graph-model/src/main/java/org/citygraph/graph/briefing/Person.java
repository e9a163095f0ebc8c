package org.citygraph.graph.briefing;

/**
 * A user as a briefing shows them: host, invitee, participant, author of a chat message.
 *
 * @param agencyId for partners: the agency they belong to
 */
public record Person(String id, String name, String agencyId) {
}
