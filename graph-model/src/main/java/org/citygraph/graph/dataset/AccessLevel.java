package org.citygraph.graph.dataset;

/**
 * Who may read a dataset (after DCAT-AP's access rights): everyone; staff and the partner agencies
 * it is shared with; or staff only.
 */
public enum AccessLevel { PUBLIC, RESTRICTED, NON_PUBLIC }
