package org.citygraph.graph.district;

import static org.citygraph.graph.Values.decimal;
import static org.citygraph.graph.Values.enumValue;
import static org.citygraph.graph.Values.integer;
import static org.citygraph.graph.Values.string;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * An administrative district.
 *
 * @param code       the official administrative code (행정기관코드), when known
 * @param name       the Korean name, e.g. 강경읍
 * @param nameEn     the romanized name, e.g. Ganggyeong-eup
 * @param population residents, when known
 */
public record District(String id, String code, String name, String nameEn, DistrictLevel level,
                       Double latitude, Double longitude, Integer population) implements GraphNode {

    public static District from(Value node) {
        return new District(string(node.get("id")), string(node.get("code")), string(node.get("name")),
                string(node.get("nameEn")), enumValue(DistrictLevel.class, node.get("level")),
                decimal(node.get("latitude")), decimal(node.get("longitude")), integer(node.get("population")));
    }
}
