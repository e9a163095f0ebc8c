package org.citygraph.api.graphql;

import graphql.schema.DataFetchingEnvironment;

/** Questions about what a query selected, so that costly parts run only when asked for. */
public final class Selections {

    private Selections() {
    }

    /** Whether the connection field being fetched selected {@code totalCount}. */
    public static boolean wantsTotalCount(DataFetchingEnvironment env) {
        return env.getSelectionSet().contains("totalCount");
    }
}
