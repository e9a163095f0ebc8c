package org.citygraph.graph.issue;

/** Changes to an issue's own fields; {@code null} leaves a field as it is. */
public record IssueChanges(String title, String summary, IssueCategory category, Severity severity,
                           Visibility visibility, String ownerId) {

    public boolean isEmpty() {
        return title == null && summary == null && category == null && severity == null && visibility == null
                && ownerId == null;
    }
}
