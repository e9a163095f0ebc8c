package org.citygraph.graph.event;

/** What a committed change was. Subscribers, webhooks and replay all speak in these kinds. */
public enum EventKind {
    ISSUE_CREATED, ISSUE_UPDATED, ISSUE_STATUS_CHANGED, ISSUE_LINKED, ISSUE_UNLINKED,
    DATASET_CREATED, DATASET_UPDATED,
    NEWS_PUBLISHED, NEWS_UPDATED,
    COMPLAINT_RECEIVED, COMPLAINT_UPDATED,
    COMMENT_ADDED, COMMENT_HIDDEN,
    INDICATOR_UPDATED
}
