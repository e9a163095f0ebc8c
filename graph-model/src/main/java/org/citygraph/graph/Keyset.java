package org.citygraph.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * The Cypher parts of keyset pagination over one sort property with the id as tie-breaker:
 * a predicate that starts after the cursor, the ORDER BY, and the LIMIT (one row more than the
 * page, to know whether another page follows). The property name comes from code, never from input.
 *
 * @param predicate   a predicate to AND into the WHERE clause, or {@code "true"} without a cursor
 * @param orderBy     the ORDER BY expression list, without the keywords
 * @param parameters  {@code $cursorValue}, {@code $cursorId}, {@code $limit}
 */
public record Keyset(String predicate, String orderBy, Map<String, Object> parameters) {

    public static Keyset of(String variable, String property, boolean descending, PageRequest page) {
        return of(variable, property, descending, page, "");
    }

    /**
     * As {@link #of(String, String, boolean, PageRequest)} with parameter names that start with
     * {@code prefix}, so that several keysets can live in one statement.
     */
    public static Keyset of(String variable, String property, boolean descending, PageRequest page, String prefix) {
        boolean down = descending != page.backward();
        String op = down ? "<" : ">";
        String dir = down ? "DESC" : "ASC";
        String key = variable + "." + property;
        var cursor = page.cursor();
        var parameters = new HashMap<String, Object>();
        parameters.put(prefix + "limit", page.size() + 1);
        String predicate = "true";
        if (cursor != null) {
            var value = "$" + prefix + "cursorValue";
            // key <= v AND (key < v, else id < c) rather than key < v OR (key = v AND id < c): the same rows,
            // but the first conjunct is a range the planner seeks in the sort property's index, in order, so
            // a deep page reads one page of entries. Any OR lets the planner union two seeks instead and
            // sort everything after the cursor (268,587 db hits for the page after 5,000 of 100,000 issues,
            // 92 this way); the tie-break is a CASE so that there is no OR to split.
            predicate = "(" + key + " " + op + "= " + value + " AND CASE WHEN " + key + " " + op + " " + value
                    + " THEN true ELSE " + variable + ".id " + op + " $" + prefix + "cursorId END)";
            parameters.put(prefix + "cursorValue", cursor.sortValue());
            parameters.put(prefix + "cursorId", cursor.id());
        }
        return new Keyset(predicate, key + " " + dir + ", " + variable + ".id " + dir, parameters);
    }
}
