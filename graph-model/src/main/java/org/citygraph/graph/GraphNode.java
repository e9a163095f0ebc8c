package org.citygraph.graph;

/** A record read from a node that has a public id. */
public interface GraphNode {

    String id();
}
