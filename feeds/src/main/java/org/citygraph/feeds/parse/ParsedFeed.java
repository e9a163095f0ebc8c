package org.citygraph.feeds.parse;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A feed as parsed, before normalization.
 *
 * @param format e.g. rss_2.0, atom_1.0, json_1.1
 */
public record ParsedFeed(String format, String title, String link, String language, List<Entry> entries) {

    /**
     * One entry as the feed wrote it.
     *
     * @param base         the xml:base in force for the entry, or the feed's URL
     * @param summary      the description or summary; may be HTML
     * @param summaryIsHtml whether {@code summary} is markup
     * @param published    the publication time, when the feed gave one the parser could read
     * @param rawDate      the date text as written, when the parser could not read it
     */
    public record Entry(String guid, String link, String title, String summary, boolean summaryIsHtml,
                        OffsetDateTime published, OffsetDateTime updated, String base) {
    }
}
