package org.citygraph.graph.issue;

import java.util.List;

/** A new issue as staff describe it. Missing visibility means PUBLIC. */
public record IssueDraft(String title, String summary, IssueCategory category, Severity severity,
                         Visibility visibility, List<String> districtIds, String ownerId,
                         List<String> involvedAgencyIds, String note) {
}
