package org.citygraph.graph.indicator;

import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * A measured quantity of a dataset, observed per district and time (and optionally per dimension
 * such as age band or sex).
 *
 * @param code       a stable short name used in queries and import mappings, e.g. {@code floating-population}
 * @param dimensions the names of its dimensions, e.g. {@code [ageBand, sex]}; every observation has a value for each
 * @param dimKeys    the dimension combinations observed so far, as canonical keys ({@code ageBand=20s;sex=F})
 * @param earliestAt the time of the first observation, {@code null} before any
 * @param latestAt   the time of the latest observation, {@code null} before any
 * @param districtIds the districts observed so far
 */
public record Metric(String id, String code, String name, String nameEn, String unit, String description,
                     Resolution resolution, List<String> dimensions, List<String> dimKeys, List<String> districtIds,
                     String datasetId,
                     OffsetDateTime earliestAt, OffsetDateTime latestAt, OffsetDateTime createdAt) implements GraphNode {

    /** Reads a metric from its node and the id of its dataset. */
    public static Metric from(Value node, Value datasetId) {
        return new Metric(string(node.get("id")), string(node.get("code")), string(node.get("name")),
                string(node.get("nameEn")), string(node.get("unit")), string(node.get("description")),
                enumValue(Resolution.class, node.get("resolution")), strings(node.get("dimensions")),
                strings(node.get("dimKeys")), strings(node.get("districtIds")), string(datasetId), time(node.get("earliestAt")),
                time(node.get("latestAt")), time(node.get("createdAt")));
    }
}
