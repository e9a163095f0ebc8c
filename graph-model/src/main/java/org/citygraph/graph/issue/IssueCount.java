package org.citygraph.graph.issue;

/**
 * How many issues share one value of a dimension.
 *
 * @param key   the value: an enum name, or a district's or agency's public id
 * @param label a name for people: the district's or agency's name, or the key itself
 */
public record IssueCount(String key, String label, long count) {

    /** What issues can be counted by. */
    public enum Dimension { DISTRICT, OWNER, CATEGORY, SEVERITY, STATUS }
}
