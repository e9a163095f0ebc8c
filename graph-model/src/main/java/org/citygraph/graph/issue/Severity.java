package org.citygraph.graph.issue;

/** How serious an issue is, in increasing order; stored with its rank so that "at least HIGH" is an index range. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public int rank() {
        return ordinal() + 1;
    }
}
