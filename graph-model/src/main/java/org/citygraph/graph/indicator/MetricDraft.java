package org.citygraph.graph.indicator;

import java.util.List;

/** A metric to define (or redefine, by its code) on a dataset. */
public record MetricDraft(String datasetId, String code, String name, String nameEn, String unit, String description,
                          Resolution resolution, List<String> dimensions) {
}
