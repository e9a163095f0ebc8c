package org.citygraph.graph.agency;

import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;

import java.util.List;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * A public body or a data provider.
 *
 * @param name      the full Korean name, e.g. 논산경찰서
 * @param shortName the name used in running text, e.g. 논산서
 * @param aliases   other names people write, used by search and by the news linker
 */
public record Agency(String id, String name, String shortName, String nameEn, List<String> aliases,
                     AgencyKind kind, String homepage) implements GraphNode {

    public static Agency from(Value node) {
        return new Agency(string(node.get("id")), string(node.get("name")), string(node.get("shortName")),
                string(node.get("nameEn")), strings(node.get("aliases")), enumValue(AgencyKind.class, node.get("kind")),
                string(node.get("homepage")));
    }
}
