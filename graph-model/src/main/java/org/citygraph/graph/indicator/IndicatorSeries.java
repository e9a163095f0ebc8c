package org.citygraph.graph.indicator;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One line of a time series result: a group (district and/or dimension values, empty when not
 * grouped) and its points in time order. Buckets without any observation are left out.
 */
public record IndicatorSeries(String districtId, Map<String, String> dimensions, List<Point> points) {

    /** One bucket: its start, the aggregated value and how many (district, time slot) cells it covers. */
    public record Point(OffsetDateTime at, double value, long cells) {
    }
}
