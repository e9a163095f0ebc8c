package org.citygraph.api.issue;

import org.citygraph.api.graphql.PagedLoaders;
import org.citygraph.api.issue.IssueInputs.IssueFilterInput;
import org.citygraph.api.issue.IssueInputs.IssueOrderInput;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;

/**
 * The arguments of a paged issue field under a district or an agency. Parents asked with equal
 * arguments share one statement; the viewer is part of the arguments because it decides what is
 * visible.
 */
public record IssueArgs(Viewer viewer, IssueFilter filter, IssueOrder order, PageRequest page, boolean count)
        implements PagedLoaders.Counted {

    public static IssueArgs of(Viewer viewer, IssueFilterInput filter, IssueOrderInput orderBy, PageRequest page, boolean count) {
        return new IssueArgs(viewer, IssueFilterInput.toFilter(filter), IssueOrderInput.toOrder(orderBy), page, count);
    }
}
