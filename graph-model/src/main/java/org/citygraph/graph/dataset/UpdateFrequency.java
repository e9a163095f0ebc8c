package org.citygraph.graph.dataset;

import java.time.Duration;
import java.util.Optional;

/** How often a dataset is expected to change (after the Dublin Core frequency vocabulary DCAT uses). */
public enum UpdateFrequency {
    CONTINUOUS(Duration.ofMinutes(15)), HOURLY(Duration.ofHours(1)), DAILY(Duration.ofDays(1)),
    WEEKLY(Duration.ofDays(7)), MONTHLY(Duration.ofDays(31)), QUARTERLY(Duration.ofDays(92)),
    ANNUAL(Duration.ofDays(366)), IRREGULAR(null);

    private final Duration period;

    UpdateFrequency(Duration period) {
        this.period = period;
    }

    /** The longest expected gap between two updates; empty when there is no schedule. */
    public Optional<Duration> period() {
        return Optional.ofNullable(period);
    }
}
