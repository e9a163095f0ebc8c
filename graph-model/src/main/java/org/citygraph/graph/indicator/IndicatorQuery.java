package org.citygraph.graph.indicator;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A time series request.
 *
 * @param districtIds districts to include (a district with sub-districts stands for them); {@code null}: every observed district
 * @param from        first instant included; {@code null}: 30 days (7 for hourly buckets) before {@code to}
 * @param to          instant excluded; {@code null}: just after the latest observation
 * @param groupBy     {@code district} and/or dimension names; what is not grouped is summed or aggregated together
 * @param dimensions  only these values of these dimensions
 */
public record IndicatorQuery(String metricCode, List<String> districtIds, OffsetDateTime from, OffsetDateTime to,
                             Bucket bucket, Aggregate aggregate, List<String> groupBy, Map<String, List<String>> dimensions) {

    public static final String DISTRICT = "district";

    public IndicatorQuery {
        bucket = bucket == null ? Bucket.DAY : bucket;
        aggregate = aggregate == null ? Aggregate.SUM : aggregate;
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    }
}
