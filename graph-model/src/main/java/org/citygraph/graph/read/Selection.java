package org.citygraph.graph.read;

import java.util.List;
import java.util.Set;

/**
 * What to read of a node and below it: some of its properties (none listed means all) and the
 * relationships to follow, each with its own selection. A GraphQL query's shape becomes one of
 * these, and the whole of it is read in one statement.
 */
public record Selection(Set<String> properties, List<Branch> branches) {

    /** Every property, no relationship. */
    public static final Selection ALL = new Selection(Set.of(), List.of());

    public boolean allProperties() {
        return properties.isEmpty();
    }

    /**
     * One relationship to follow.
     *
     * @param key  the name under which the result is returned (a GraphQL response key); letters,
     *             digits and underscores only
     * @param page for relationships that lead to pages: which page; {@code null} otherwise
     */
    public record Branch(String key, Relation relation, PageArgs page, Selection selection) {

        public Branch {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Not a result key: " + key);
            }
        }
    }
}
