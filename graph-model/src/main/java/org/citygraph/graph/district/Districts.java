package org.citygraph.graph.district;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.RootQuery;
import org.citygraph.graph.read.Selection;

/** Lookups and the root list of districts. Districts are public to every viewer. */
public final class Districts {

    private static final String BY_CODE = """
            MATCH (n:District {code: $code})
            RETURN n.id AS id""";

    private final Graph graph;
    private final Reads reads;

    public Districts(Graph graph) {
        this.graph = graph;
        this.reads = new Reads(graph);
    }

    public List<District> byIds(Collection<String> ids) {
        return reads.byIds(Viewer.ANONYMOUS, NodeType.DISTRICT, ids, Selection.ALL).values().stream()
                .map(l -> (District) l.node()).toList();
    }

    /** The public id of the district with this official code. */
    public Optional<String> idOfCode(String code) {
        return graph.read(tx -> tx.run(BY_CODE, Map.of("code", code)).stream().findFirst().map(r -> r.get("id").asString()));
    }

    /** Districts by Korean name, optionally one level or the direct children of one district. */
    public static RootQuery rootQuery(DistrictLevel level, String parentId) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        if (level != null) {
            where.add("n.level = $level");
            params.put("level", level.name());
        }
        if (parentId != null) {
            where.add("EXISTS { MATCH (n)-[:PART_OF]->(:District {id: $parentId}) }");
            params.put("parentId", parentId);
        }
        return new RootQuery("", "MATCH (n:District)", "n", where, "name", false, false, params);
    }
}
