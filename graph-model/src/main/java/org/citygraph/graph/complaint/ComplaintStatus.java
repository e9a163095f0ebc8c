package org.citygraph.graph.complaint;

/** Where a complaint is: Open311 knows only open and closed, which {@link #open311()} gives. */
public enum ComplaintStatus {
    /** Received, not yet looked at. */
    OPEN,
    /** Staff took it up: assigned, replied to, or being worked on. */
    IN_PROGRESS,
    /** Done, or merged into another complaint. */
    CLOSED;

    public String open311() {
        return this == CLOSED ? "closed" : "open";
    }
}
