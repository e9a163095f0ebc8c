package org.citygraph.graph.issue;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which issues a list shows. Every field is optional; set fields combine with AND, values inside a
 * list with OR.
 *
 * @param districtIds issues located in any of these districts or in districts inside them
 * @param agencyIds   issues owned by or involving any of these agencies
 * @param text        words searched in titles and summaries (Korean-aware full-text index)
 */
public record IssueFilter(List<String> districtIds, List<String> agencyIds, List<IssueCategory> categories,
                          List<IssueStatus> statuses, Severity minSeverity, Visibility visibility,
                          OffsetDateTime createdFrom, OffsetDateTime createdTo,
                          OffsetDateTime updatedFrom, OffsetDateTime updatedTo, String text) {

    public static final IssueFilter NONE = new IssueFilter(null, null, null, null, null, null, null, null, null, null, null);

    public IssueFilter withStatuses(List<IssueStatus> statuses) {
        return new IssueFilter(districtIds, agencyIds, categories, statuses, minSeverity, visibility,
                createdFrom, createdTo, updatedFrom, updatedTo, text);
    }
}
