package org.citygraph.graph.indicator;

/** How finely a metric is observed: one value per local hour, or one per local day. */
public enum Resolution {
    HOUR(24), DAY(1);

    private final int slots;

    Resolution(int slots) {
        this.slots = slots;
    }

    /** Values held by one observation day. */
    public int slots() {
        return slots;
    }

    /** Hours between two slots of a day. */
    public int step() {
        return 24 / slots;
    }
}
