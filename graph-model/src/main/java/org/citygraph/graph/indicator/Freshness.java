package org.citygraph.graph.indicator;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How current a dataset's observations are.
 *
 * @param latestObservationAt the newest observation of any of its metrics, {@code null} when it has none
 * @param expectedEvery       the dataset's update period, {@code null} when it has no schedule
 * @param stale               true when no observation is newer than two update periods (or there is none)
 */
public record Freshness(String datasetId, OffsetDateTime latestObservationAt, Duration expectedEvery, boolean stale) {

    /** Two periods: the latest slot of an hourly feed is normally an hour old before the next one lands. */
    public static Freshness of(String datasetId, OffsetDateTime latest, Duration period, OffsetDateTime now) {
        boolean stale = period != null && (latest == null || latest.plus(period.multipliedBy(2)).isBefore(now));
        return new Freshness(datasetId, latest, period, stale);
    }
}
