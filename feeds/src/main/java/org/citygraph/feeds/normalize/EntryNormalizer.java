package org.citygraph.feeds.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.citygraph.feeds.parse.ParsedFeed;

/**
 * Turns parsed entries into items: resolved and canonical links, decoded titles, sanitized HTML and
 * plain-text summaries, a publication time with a fallback (the time the hub first saw the item when
 * the feed gives none, or gives one in the future), and the keys that make polling idempotent.
 */
public final class EntryNormalizer {

    /** A date further ahead than this is taken as a mistake of the feed. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofHours(12);
    public static final int MAX_TITLE = 500;

    private EntryNormalizer() {
    }

    /** The entry normalized, or {@code null} when it has neither a title nor a summary nor a link. */
    public static NormalizedEntry normalize(ParsedFeed.Entry entry, String feedId, String feedUrl, String language,
                                            OffsetDateTime seenAt) {
        var base = entry.base() != null ? entry.base() : feedUrl;
        var link = LinkCanonicalizer.canonical(entry.link(), base);
        var rawSummary = entry.summary();
        var summaryHtml = entry.summaryIsHtml() ? HtmlSummary.sanitize(rawSummary, link != null ? link : base) : null;
        var summary = HtmlSummary.text(rawSummary);
        var title = HtmlSummary.text(entry.title());
        if (title != null && title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE - 1) + "…";
        }
        if (title == null && summary == null && link == null) {
            return null;
        }
        if (title == null) {
            title = summary != null ? firstWords(summary) : link;
        }
        var published = entry.published() != null ? entry.published() : entry.updated();
        boolean estimated = published == null || published.isAfter(seenAt.plus(FUTURE_TOLERANCE));
        if (estimated) {
            published = seenAt;
        }
        var contentHash = sha256(title + "\n" + (summary == null ? "" : summary));
        String dedupeKey;
        if (entry.guid() != null) {
            dedupeKey = "guid:" + feedId + ":" + entry.guid();
        } else if (link != null) {
            dedupeKey = "link:" + link;
        } else {
            dedupeKey = "hash:" + feedId + ":" + contentHash;
        }
        return new NormalizedEntry(dedupeKey, entry.guid(), link, title, summary, summaryHtml, published, estimated,
                language, contentHash);
    }

    private static String firstWords(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
