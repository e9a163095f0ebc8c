package org.citygraph.graph.read;

import static org.citygraph.graph.NodeType.AGENCY;
import static org.citygraph.graph.NodeType.DATASET;
import static org.citygraph.graph.NodeType.DISTRICT;
import static org.citygraph.graph.NodeType.ISSUE;
import static org.citygraph.graph.NodeType.NEWS_ITEM;

import org.citygraph.graph.NodeType;

/**
 * Every relationship the API can walk, in both directions: its Cypher pattern from a source node
 * {@code {v}} to a target {@code {t}}, whether it leads to one node, a list or a page, and the order
 * of a list. This catalog is the one place that knows how nodes are connected; reads of any shape
 * are built from it.
 */
public enum Relation {
    DISTRICT_PARENT(DISTRICT, DISTRICT, Kind.ONE, "({v})-[:PART_OF]->({t}:District)", null),
    DISTRICT_CHILDREN(DISTRICT, DISTRICT, Kind.LIST, "({v})<-[:PART_OF]-({t}:District)", "name"),
    /** Agencies serving the district or a district it is part of (city-wide bodies). */
    DISTRICT_AGENCIES(DISTRICT, AGENCY, Kind.LIST, "({v})-[:PART_OF*0..]->(:District)<-[:SERVES]-({t}:Agency)", "name"),
    DISTRICT_ISSUES(DISTRICT, ISSUE, Kind.PAGE, "({v})<-[:PART_OF*0..]-(:District)<-[:LOCATED_IN]-({t}:Issue)", null),
    DISTRICT_ISSUES_DIRECT(DISTRICT, ISSUE, Kind.PAGE, "({v})<-[:LOCATED_IN]-({t}:Issue)", null),
    DISTRICT_DATASETS(DISTRICT, DATASET, Kind.PAGE, "({v})<-[:PART_OF*0..]-(:District)<-[:COVERS]-({t}:Dataset)", null),
    DISTRICT_NEWS(DISTRICT, NEWS_ITEM, Kind.PAGE, "({v})<-[:PART_OF*0..]-(:District)<-[:MENTIONS]-({t}:NewsItem)", null),

    AGENCY_PARENT(AGENCY, AGENCY, Kind.ONE, "({v})-[:PART_OF]->({t}:Agency)", null),
    AGENCY_CHILDREN(AGENCY, AGENCY, Kind.LIST, "({v})<-[:PART_OF]-({t}:Agency)", "name"),
    AGENCY_SERVES(AGENCY, DISTRICT, Kind.LIST, "({v})-[:SERVES]->({t}:District)", "name"),
    AGENCY_ISSUES_OWNER(AGENCY, ISSUE, Kind.PAGE, "({v})<-[:OWNED_BY]-({t}:Issue)", null),
    AGENCY_ISSUES_INVOLVED(AGENCY, ISSUE, Kind.PAGE, "({v})<-[:INVOLVES]-({t}:Issue)", null),
    AGENCY_ISSUES_ANY(AGENCY, ISSUE, Kind.PAGE, "({v})<-[:OWNED_BY|INVOLVES]-({t}:Issue)", null),
    AGENCY_DATASETS(AGENCY, DATASET, Kind.PAGE, "({v})<-[:PUBLISHED_BY]-({t}:Dataset)", null),
    AGENCY_NEWS(AGENCY, NEWS_ITEM, Kind.PAGE, "({v})<-[:MENTIONS]-({t}:NewsItem)", null),

    ISSUE_DISTRICTS(ISSUE, DISTRICT, Kind.LIST, "({v})-[:LOCATED_IN]->({t}:District)", "name"),
    ISSUE_OWNER(ISSUE, AGENCY, Kind.ONE, "({v})-[:OWNED_BY]->({t}:Agency)", null),
    ISSUE_INVOLVED(ISSUE, AGENCY, Kind.LIST, "({v})-[:INVOLVES]->({t}:Agency)", "name"),
    /** Related issues, in either direction. */
    ISSUE_RELATED(ISSUE, ISSUE, Kind.LIST, "({v})-[:RELATED_TO]-({t}:Issue)", "createdAt DESC"),
    ISSUE_DATASETS(ISSUE, DATASET, Kind.LIST, "({v})<-[:EVIDENCES]-({t}:Dataset)", "title"),
    ISSUE_NEWS(ISSUE, NEWS_ITEM, Kind.PAGE, "({v})<-[:MENTIONS]-({t}:NewsItem)", null),

    DATASET_PUBLISHER(DATASET, AGENCY, Kind.ONE, "({v})-[:PUBLISHED_BY]->({t}:Agency)", null),
    DATASET_DISTRICTS(DATASET, DISTRICT, Kind.LIST, "({v})-[:COVERS]->({t}:District)", "name"),
    DATASET_ISSUES(DATASET, ISSUE, Kind.LIST, "({v})-[:EVIDENCES]->({t}:Issue)", "createdAt DESC");

    /** What a relationship leads to. */
    public enum Kind { ONE, LIST, PAGE }

    private final NodeType source;
    private final NodeType target;
    private final Kind kind;
    private final String pattern;
    private final String listOrder;

    Relation(NodeType source, NodeType target, Kind kind, String pattern, String listOrder) {
        this.source = source;
        this.target = target;
        this.kind = kind;
        this.pattern = pattern;
        this.listOrder = listOrder;
    }

    public NodeType source() {
        return source;
    }

    public NodeType target() {
        return target;
    }

    public Kind kind() {
        return kind;
    }

    /** The pattern from the source variable to the target variable. */
    String pattern(String source, String target) {
        return pattern.replace("{v}", source).replace("{t}", target);
    }

    /** The ORDER BY of a list over {@code variable}, with the id as tie-breaker. */
    String listOrder(String variable) {
        if (listOrder == null) {
            return variable + ".id";
        }
        var parts = listOrder.split(" ");
        return variable + "." + parts[0] + (parts.length > 1 ? " " + parts[1] : "") + ", " + variable + ".id";
    }
}
