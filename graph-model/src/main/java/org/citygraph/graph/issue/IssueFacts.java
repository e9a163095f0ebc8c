package org.citygraph.graph.issue;

import java.util.Set;

/**
 * What event filters match on, read once per event: the issue's districts with every district they
 * are part of, its owner and involved agencies, category and severity.
 */
public record IssueFacts(String id, Set<String> districtIds, Set<String> agencyIds, IssueCategory category,
                         Severity severity) {
}
