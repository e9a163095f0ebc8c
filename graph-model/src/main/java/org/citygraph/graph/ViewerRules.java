package org.citygraph.graph;

/**
 * The visibility rules, as Cypher predicates over the {@code $viewer} parameter
 * ({@link Viewer#asParameter()}). These constants are the one place that decides who sees what.
 * A partner sees an internal issue when it is shared with, owned by or involves its agency.
 */
public final class ViewerRules {

    private ViewerRules() {
    }

    /** Predicate over an issue bound to {@code i}. */
    public static final String ISSUE = """
            (i.visibility = 'PUBLIC' OR $viewer.all
             OR ($viewer.agencyId IS NOT NULL
                 AND EXISTS { MATCH (i)-[:SHARED_WITH|OWNED_BY|INVOLVES]->(:Agency {id: $viewer.agencyId}) }))""";

    /** Predicate over a dataset bound to {@code ds}: restricted data is for staff and its partners. */
    public static final String DATASET = """
            (ds.accessLevel = 'PUBLIC' OR $viewer.all
             OR ($viewer.agencyId IS NOT NULL AND ds.accessLevel = 'RESTRICTED'
                 AND EXISTS { MATCH (ds)-[:PUBLISHED_BY|SHARED_WITH]->(:Agency {id: $viewer.agencyId}) }))""";

    /**
     * Predicate over a complaint bound to {@code c}: who may read its complainant's contact details.
     * Admins, and staff of the agency the complaint is assigned to; nobody else, partners included.
     */
    public static final String COMPLAINT_CONTACT = """
            ($viewer.admin
             OR ($viewer.staffAgencyId IS NOT NULL
                 AND EXISTS { MATCH (c)-[:ASSIGNED_TO]->(:Agency {id: $viewer.staffAgencyId}) }))""";

    /** The issue predicate for another variable name. */
    public static String issue(String variable) {
        return ISSUE.replace("(i)", "(" + variable + ")").replace("i.visibility", variable + ".visibility");
    }

    /** The dataset predicate for another variable name. */
    public static String dataset(String variable) {
        return DATASET.replace("(ds)", "(" + variable + ")").replace("ds.accessLevel", variable + ".accessLevel");
    }
}
