package org.citygraph.graph.briefing;

/** Where a briefing is in its life: scheduled, then live (people are in the room), then ended for good. */
public enum BriefingStatus {
    SCHEDULED, LIVE, ENDED
}
