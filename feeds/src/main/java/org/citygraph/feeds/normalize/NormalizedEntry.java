package org.citygraph.feeds.normalize;

import java.time.OffsetDateTime;

/**
 * An entry ready to store.
 *
 * @param dedupeKey          what identifies the item across polls: the feed's guid, else the
 *                           canonical link, else a hash of its content
 * @param contentHash        changes when the title or summary change, which makes the item an update
 * @param publishedEstimated the feed gave no readable date: {@code publishedAt} is when the hub first saw it
 */
public record NormalizedEntry(String dedupeKey, String guid, String link, String title, String summary,
                              String summaryHtml, OffsetDateTime publishedAt, boolean publishedEstimated,
                              String language, String contentHash) {
}
