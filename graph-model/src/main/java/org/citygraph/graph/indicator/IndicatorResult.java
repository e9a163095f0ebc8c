package org.citygraph.graph.indicator;

import java.time.OffsetDateTime;
import java.util.List;

/** The answer to an {@link IndicatorQuery}, with the range and districts it actually covered. */
public record IndicatorResult(Metric metric, Bucket bucket, Aggregate aggregate, OffsetDateTime from,
                              OffsetDateTime to, List<String> districtIds, List<IndicatorSeries> series) {
}
