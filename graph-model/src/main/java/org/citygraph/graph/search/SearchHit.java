package org.citygraph.graph.search;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.NodeType;

/**
 * One result of a search across types.
 *
 * @param node  a District, Agency, Issue, NewsItem or Dataset record
 * @param score the full-text relevance; higher is better, comparable within one search only
 */
public record SearchHit(NodeType type, GraphNode node, double score) {
}
