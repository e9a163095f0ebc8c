package org.citygraph.graph.news;

import java.time.OffsetDateTime;
import java.util.List;

import org.citygraph.graph.NodeType;

/**
 * A news item as the feed pipeline hands it over for storage.
 *
 * @param dedupeKey          identifies the item across polls (the feed's guid, else canonical link, else content hash)
 * @param contentHash        changes when the item's content changes
 * @param publishedEstimated the feed gave no usable date; on an update the first time is kept
 */
public record NewsItemDraft(String dedupeKey, String guid, String link, String title, String summary, String summaryHtml,
                            OffsetDateTime publishedAt, boolean publishedEstimated, String language, String source,
                            String contentHash, List<MentionDraft> mentions) {

    /** A district, agency or issue the item names. */
    public record MentionDraft(NodeType type, String targetId, String text, double confidence) {
    }
}
