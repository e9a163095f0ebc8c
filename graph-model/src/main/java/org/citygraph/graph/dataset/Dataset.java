package org.citygraph.graph.dataset;

import static org.citygraph.graph.Values.date;
import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * A dataset of the catalog, described with DCAT fields. Its publisher, spatial coverage and the
 * issues it is evidence for are relationships.
 *
 * @param temporalStart first day the data covers
 * @param temporalEnd   last day the data covers; {@code null} while it still grows
 * @param modifiedAt    when the data last changed
 */
public record Dataset(String id, String title, String description, List<String> themes, List<String> keywords,
                      LocalDate temporalStart, LocalDate temporalEnd, UpdateFrequency updateFrequency, String license,
                      String distributionUrl, String mediaType, OffsetDateTime modifiedAt, AccessLevel accessLevel,
                      OffsetDateTime createdAt) implements GraphNode {

    public static Dataset from(Value node) {
        return new Dataset(string(node.get("id")), string(node.get("title")), string(node.get("description")),
                strings(node.get("themes")), strings(node.get("keywords")), date(node.get("temporalStart")),
                date(node.get("temporalEnd")), enumValue(UpdateFrequency.class, node.get("updateFrequency")),
                string(node.get("license")), string(node.get("distributionUrl")), string(node.get("mediaType")),
                time(node.get("modifiedAt")), enumValue(AccessLevel.class, node.get("accessLevel")),
                time(node.get("createdAt")));
    }
}
