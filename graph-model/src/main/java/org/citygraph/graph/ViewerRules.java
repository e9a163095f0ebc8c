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

    /**
     * The issue predicate over {@code variable} as it reads for one viewer: the same rows as
     * {@link #issue(String)} with that viewer's {@code $viewer}, without the branches that cannot hold
     * for it. Staff and admins see everything ({@code "true"}), a caller without a partner agency sees
     * public issues, a partner gets the whole rule. The planner then neither evaluates nor plans the
     * agency subquery for callers it cannot apply to.
     */
    public static String issue(String variable, Viewer viewer) {
        var rule = viewer.asParameter();
        if (Boolean.TRUE.equals(rule.get("all"))) {
            return "true";
        }
        return rule.get("agencyId") == null ? variable + ".visibility = 'PUBLIC'" : issue(variable);
    }

    /** The dataset predicate as it reads for one viewer, as {@link #issue(String, Viewer)}. */
    public static String dataset(String variable, Viewer viewer) {
        var rule = viewer.asParameter();
        if (Boolean.TRUE.equals(rule.get("all"))) {
            return "true";
        }
        return rule.get("agencyId") == null ? variable + ".accessLevel = 'PUBLIC'" : dataset(variable);
    }

    /** {@code conditions} with the general issue and dataset rules over {@code variable} replaced by the viewer's. */
    public static java.util.List<String> forViewer(java.util.List<String> conditions, String variable, Viewer viewer) {
        var general = issue(variable);
        var generalDataset = dataset(variable);
        return conditions.stream()
                .map(c -> c.equals(general) ? issue(variable, viewer) : c.equals(generalDataset) ? dataset(variable, viewer) : c)
                .toList();
    }

    /** The dataset predicate for another variable name. */
    public static String dataset(String variable) {
        return DATASET.replace("(ds)", "(" + variable + ")").replace("ds.accessLevel", variable + ".accessLevel");
    }
}
