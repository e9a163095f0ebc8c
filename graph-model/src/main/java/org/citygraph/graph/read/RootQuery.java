package org.citygraph.graph.read;

import java.util.List;
import java.util.Map;

/**
 * The first part of a root list, as a repository builds it from its filters: clauses before the
 * match (a full-text call), the match itself over {@code variable}, the filter predicates, the sort
 * property, and whether the match can reach one node twice (then rows are made distinct, which costs
 * the index order).
 */
public record RootQuery(String prefix, String match, String variable, List<String> where, String sortProperty,
                        boolean descending, boolean distinct, Map<String, Object> parameters) {
}
