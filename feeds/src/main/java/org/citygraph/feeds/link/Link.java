package org.citygraph.feeds.link;

import java.util.Objects;

import org.citygraph.graph.NodeType;

/**
 * One thing a text names.
 *
 * @param type       {@link NodeType#DISTRICT}, {@link NodeType#AGENCY} or {@link NodeType#ISSUE}
 * @param id         the public id of the node ({@code dst_ganggyeong}, {@code agc_nonsan-city}, ...)
 * @param text       the words of the text that named it, as written (for an issue: the title words found)
 * @param confidence 1.0 for a full official name, about 0.8-0.9 for an alias or a short form read in
 *                   the city's context, lower when the evidence is weaker
 */
public record Link(NodeType type, String id, String text, double confidence) {

    public Link {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (confidence <= 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be in (0, 1]: " + confidence);
        }
    }
}
