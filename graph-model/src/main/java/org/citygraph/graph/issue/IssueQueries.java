package org.citygraph.graph.issue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.KoreanText;
import org.citygraph.graph.read.RootQuery;
import org.citygraph.graph.ViewerRules;

/**
 * Builds the Cypher of issue lists from constant fragments: where the match starts (the most
 * selective filter), the filter predicates, the viewer's rule and the keyset. Values always travel
 * as parameters ({@code $f}, {@code $viewer}, {@code $cursorValue}).
 */
public final class IssueQueries {

    /** Where a list starts its match. */
    enum Anchor {
        ALL("MATCH (i:Issue)"),
        TEXT("CALL db.index.fulltext.queryNodes('search', $f.text) YIELD node AS i"),
        DISTRICTS("MATCH (anchor:District) WHERE anchor.id IN $f.districtIds\n"
                + "MATCH (anchor)<-[:PART_OF*0..]-(:District)<-[:LOCATED_IN]-(i:Issue)"),
        AGENCIES("MATCH (anchor:Agency) WHERE anchor.id IN $f.agencyIds\n"
                + "MATCH (anchor)<-[:OWNED_BY|INVOLVES]-(i:Issue)"),
        /** Nested under a district, its sub-districts included; {@code id} is the parent's id. */
        IN_DISTRICT("MATCH (:District {id: id})<-[:PART_OF*0..]-(:District)<-[:LOCATED_IN]-(i:Issue)"),
        IN_DISTRICT_ONLY("MATCH (:District {id: id})<-[:LOCATED_IN]-(i:Issue)"),
        OWNED_BY_AGENCY("MATCH (:Agency {id: id})<-[:OWNED_BY]-(i:Issue)"),
        INVOLVING_AGENCY("MATCH (:Agency {id: id})<-[:INVOLVES]-(i:Issue)"),
        OF_AGENCY("MATCH (:Agency {id: id})<-[:OWNED_BY|INVOLVES]-(i:Issue)");

        final String match;

        Anchor(String match) {
            this.match = match;
        }
    }

    private IssueQueries() {
    }

    static Anchor rootAnchor(IssueFilter f) {
        if (f.text() != null) {
            return Anchor.TEXT;
        }
        if (notEmpty(f.districtIds())) {
            return Anchor.DISTRICTS;
        }
        if (notEmpty(f.agencyIds())) {
            return Anchor.AGENCIES;
        }
        return Anchor.ALL;
    }

    /** The predicates of an issue page below another node, over {@code v}, with the filter in {@code $p}. */
    public static List<String> nestedPredicates(IssueFilter f, String v, String p) {
        return predicates(f, null, v, p);
    }

    /** The root list of issues: the most selective start for the filter, then the other predicates. */
    public static RootQuery rootQuery(IssueFilter filter, IssueOrder order) {
        var f = normalize(filter);
        var anchor = rootAnchor(f);
        var params = new HashMap<String, Object>();
        params.put("f", parameters(f));
        var prefix = anchor == Anchor.TEXT ? "" : textPrefix(f, anchor);
        var distinct = anchor == Anchor.DISTRICTS || anchor == Anchor.AGENCIES;
        return new RootQuery(prefix, anchor.match, "i", predicates(f, anchor), order.field().property(),
                order.descending(), distinct, params);
    }

    /** The WHERE predicates of a list, without the keyset. */
    static List<String> predicates(IssueFilter f, Anchor anchor) {
        return predicates(f, anchor, "i", "f");
    }

    /**
     * The WHERE predicates of a list over the issue variable {@code v}, reading the filter from the
     * parameter {@code $p} ({@link #parameters}); the anchor's own condition is left out.
     */
    static List<String> predicates(IssueFilter f, Anchor anchor, String v, String p) {
        var where = new ArrayList<String>();
        if (anchor == Anchor.TEXT) {
            where.add(v + ":Issue");
        } else if (f.text() != null) {
            where.add(v + " IN textHits");
        }
        if (notEmpty(f.districtIds()) && anchor != Anchor.DISTRICTS) {
            where.add("EXISTS { MATCH (" + v + ")-[:LOCATED_IN]->(:District)-[:PART_OF*0..]->(fd:District) WHERE fd.id IN $" + p + ".districtIds }");
        }
        if (notEmpty(f.agencyIds()) && anchor != Anchor.AGENCIES) {
            where.add("EXISTS { MATCH (" + v + ")-[:OWNED_BY|INVOLVES]->(fa:Agency) WHERE fa.id IN $" + p + ".agencyIds }");
        }
        if (notEmpty(f.categories())) {
            where.add(v + ".category IN $" + p + ".categories");
        }
        if (notEmpty(f.statuses())) {
            where.add(v + ".status IN $" + p + ".statuses");
        }
        if (f.minSeverity() != null) {
            where.add(v + ".severityRank >= $" + p + ".minSeverityRank");
        }
        if (f.visibility() != null) {
            where.add(v + ".visibility = $" + p + ".visibility");
        }
        if (f.createdFrom() != null) {
            where.add(v + ".createdAt >= $" + p + ".createdFrom");
        }
        if (f.createdTo() != null) {
            where.add(v + ".createdAt < $" + p + ".createdTo");
        }
        if (f.updatedFrom() != null) {
            where.add(v + ".updatedAt >= $" + p + ".updatedFrom");
        }
        if (f.updatedTo() != null) {
            where.add(v + ".updatedAt < $" + p + ".updatedTo");
        }
        where.add(ViewerRules.issue(v));
        return where;
    }

    /** The text-hits prefix that nested lists need when they filter by text. */
    static String textPrefix(IssueFilter f, Anchor anchor) {
        return f.text() != null && anchor != Anchor.TEXT
                ? "CALL db.index.fulltext.queryNodes('search', $f.text) YIELD node\nWITH collect(node) AS textHits\n"
                : "";
    }

    public static Map<String, Object> parameters(IssueFilter f) {
        var p = new HashMap<String, Object>();
        p.put("districtIds", f.districtIds());
        p.put("agencyIds", f.agencyIds());
        p.put("categories", f.categories() == null ? null : f.categories().stream().map(Enum::name).toList());
        p.put("statuses", f.statuses() == null ? null : f.statuses().stream().map(Enum::name).toList());
        p.put("minSeverityRank", f.minSeverity() == null ? null : f.minSeverity().rank());
        p.put("visibility", f.visibility() == null ? null : f.visibility().name());
        p.put("createdFrom", f.createdFrom());
        p.put("createdTo", f.createdTo());
        p.put("updatedFrom", f.updatedFrom());
        p.put("updatedTo", f.updatedTo());
        p.put("text", f.text() == null ? null : KoreanText.luceneQuery(f.text(), true));
        return p;
    }

    /** A filter whose text has nothing searchable left is treated as no text filter. */
    public static IssueFilter normalize(IssueFilter f) {
        if (f == null) {
            return IssueFilter.NONE;
        }
        if (f.text() != null && KoreanText.luceneQuery(f.text(), true) == null) {
            return new IssueFilter(f.districtIds(), f.agencyIds(), f.categories(), f.statuses(), f.minSeverity(),
                    f.visibility(), f.createdFrom(), f.createdTo(), f.updatedFrom(), f.updatedTo(), null);
        }
        return f;
    }

    static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
