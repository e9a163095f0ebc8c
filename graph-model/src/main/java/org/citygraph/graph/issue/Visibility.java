package org.citygraph.graph.issue;

/** Who may read an issue: everyone, or staff and the partner agencies it is shared with. */
public enum Visibility { PUBLIC, INTERNAL }
