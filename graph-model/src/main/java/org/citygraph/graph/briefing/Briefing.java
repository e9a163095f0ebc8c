package org.citygraph.graph.briefing;

import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.GraphNode;

/**
 * A meeting of staff and invited partners around the city's data: scheduled, then live in the
 * browser (video, chat, slides), then ended with its minutes.
 *
 * @param presenterId  who drives the slides now (the host until they hand it over)
 * @param currentSlide the position of the slide the presenter shows, if any
 * @param removedIds   people the host removed: they cannot come back into this briefing
 */
public record Briefing(String id, String title, String purpose, OffsetDateTime scheduledStart, BriefingStatus status,
                       Person host, boolean restricted, String presenterId, Integer currentSlide,
                       OffsetDateTime startedAt, OffsetDateTime endedAt, OffsetDateTime createdAt,
                       List<AgendaItem> agenda, List<Person> invitees, List<Slide> slides, Deck deck,
                       List<String> removedIds) implements GraphNode {

    public boolean isInvited(String userId) {
        return userId != null && invitees.stream().anyMatch(p -> p.id().equals(userId));
    }

    public boolean isHost(String userId) {
        return userId != null && userId.equals(host.id());
    }
}
