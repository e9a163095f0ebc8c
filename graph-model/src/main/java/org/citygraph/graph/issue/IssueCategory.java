package org.citygraph.graph.issue;

/** What an issue is about. */
public enum IssueCategory {
    COVID19, DISASTER, TRAFFIC, WELFARE, ECONOMY, ENVIRONMENT, SAFETY, CIVIL_COMPLAINT, HEALTH, EDUCATION,
    CULTURE, AGRICULTURE, OTHER
}
