package org.citygraph.feeds.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.NodeType;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.agency.AgencyKind;
import org.citygraph.graph.demo.DemoCity;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.DistrictLevel;

/** The demo city's districts, agencies and issues as the graph would return them, for the linker's tests. */
final class DemoGazetteer {

    private static final Map<String, Object> DATA = DemoCity.read();

    private DemoGazetteer() {
    }

    static Gazetteer gazetteer() {
        return Gazetteer.of(districts(), agencies(), issues());
    }

    static List<District> districts() {
        var districts = new ArrayList<District>();
        for (var row : rows("districts")) {
            districts.add(new District(NodeType.DISTRICT.idFor((String) row.get("key")), (String) row.get("code"),
                    (String) row.get("nameKo"), (String) row.get("nameEn"),
                    DistrictLevel.valueOf((String) row.get("level")), number(row.get("lat")), number(row.get("lon")),
                    row.get("population") == null ? null : ((Number) row.get("population")).intValue()));
        }
        return districts;
    }

    @SuppressWarnings("unchecked")
    static List<Agency> agencies() {
        var agencies = new ArrayList<Agency>();
        for (var row : rows("agencies")) {
            var aliases = row.get("aliases") == null ? List.<String>of() : (List<String>) row.get("aliases");
            agencies.add(new Agency(NodeType.AGENCY.idFor((String) row.get("key")), (String) row.get("name"),
                    (String) row.get("shortName"), (String) row.get("nameEn"), aliases,
                    AgencyKind.valueOf((String) row.get("kind")), (String) row.get("homepage")));
        }
        return agencies;
    }

    /** Each demo issue with its districts, and its owner agency first, then the agencies it involves. */
    @SuppressWarnings("unchecked")
    static List<Gazetteer.IssueTerms> issues() {
        var issues = new ArrayList<Gazetteer.IssueTerms>();
        for (var row : rows("issues")) {
            var districtIds = ((List<String>) row.get("districts")).stream().map(NodeType.DISTRICT::idFor).toList();
            var agencyIds = new ArrayList<String>();
            agencyIds.add(NodeType.AGENCY.idFor((String) row.get("owner")));
            for (var key : (List<String>) row.getOrDefault("involves", List.of())) {
                agencyIds.add(NodeType.AGENCY.idFor(key));
            }
            issues.add(new Gazetteer.IssueTerms(NodeType.ISSUE.idFor((String) row.get("key")), (String) row.get("title"),
                    districtIds, agencyIds));
        }
        return issues;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(String section) {
        return (List<Map<String, Object>>) DATA.get(section);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
