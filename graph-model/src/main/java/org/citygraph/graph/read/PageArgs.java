package org.citygraph.graph.read;

import org.citygraph.graph.PageRequest;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;

/**
 * Which page of a relationship to read, and whether to count all of it. Issue pages also take a
 * filter and an order; other pages have a fixed order (datasets by modification, news by
 * publication, districts and agencies by name).
 */
public record PageArgs(PageRequest request, boolean count, IssueFilter issueFilter, IssueOrder issueOrder) {

    public static PageArgs of(PageRequest request, boolean count) {
        return new PageArgs(request, count, null, null);
    }
}
