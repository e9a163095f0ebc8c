package org.citygraph.graph.agency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.RootQuery;
import org.citygraph.graph.read.Selection;

/** Lookups and the root list of agencies. Agencies are public to every viewer. */
public final class Agencies {

    private final Reads reads;

    public Agencies(Graph graph) {
        this.reads = new Reads(graph);
    }

    public List<Agency> byIds(Collection<String> ids) {
        return reads.byIds(Viewer.ANONYMOUS, NodeType.AGENCY, ids, Selection.ALL).values().stream()
                .map(l -> (Agency) l.node()).toList();
    }

    /** Agencies by name, optionally of some kinds or serving one district directly. */
    public static RootQuery rootQuery(List<AgencyKind> kinds, String districtId) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        if (kinds != null && !kinds.isEmpty()) {
            where.add("n.kind IN $kinds");
            params.put("kinds", kinds.stream().map(Enum::name).toList());
        }
        if (districtId != null) {
            where.add("EXISTS { MATCH (n)-[:SERVES]->(:District {id: $districtId}) }");
            params.put("districtId", districtId);
        }
        return new RootQuery("", "MATCH (n:Agency)", "n", where, "name", false, false, params);
    }
}
