package org.citygraph.graph.news;

import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.time;

import java.time.OffsetDateTime;

import org.citygraph.graph.GraphNode;
import org.neo4j.driver.Value;

/**
 * A news item from a feed or a press release.
 *
 * @param link        the canonical link (tracking parameters stripped)
 * @param guid        the feed's own identifier of the entry, when it has one
 * @param source      where it came from: a feed title or a publisher name
 * @param summary     the summary as plain text
 * @param summaryHtml the summary as sanitized HTML, when the source had HTML
 */
public record NewsItem(String id, String title, String link, String guid, String source, String language,
                       OffsetDateTime publishedAt, String summary, String summaryHtml) implements GraphNode {

    public static NewsItem from(Value node) {
        return new NewsItem(string(node.get("id")), string(node.get("title")), string(node.get("link")),
                string(node.get("guid")), string(node.get("source")), string(node.get("language")),
                time(node.get("publishedAt")), string(node.get("summary")), string(node.get("summaryHtml")));
    }
}
