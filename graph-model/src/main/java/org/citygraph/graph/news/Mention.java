package org.citygraph.graph.news;

import org.citygraph.graph.GraphNode;
import org.citygraph.graph.NodeType;

/**
 * A news item naming a district, an agency or an issue.
 *
 * @param subject    the named node: a District, Agency or Issue record
 * @param text       the words of the item that name it, e.g. 강경읍에서 or 훈련소
 * @param confidence how sure the linker is, from 0 to 1
 */
public record Mention(NodeType subjectType, GraphNode subject, String text, double confidence) {
}
