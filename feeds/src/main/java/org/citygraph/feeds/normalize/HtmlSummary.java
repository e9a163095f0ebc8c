package org.citygraph.feeds.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Summaries from feeds are HTML written by others: jsoup's cleaner keeps text formatting, links and
 * images (absolute http/https only, so relative links are resolved against the entry's base and
 * {@code javascript:} URLs disappear) and drops everything else: scripts, styles, frames, forms and
 * every event handler. The plain-text form decodes entities (&amp;auml; becomes ä).
 */
public final class HtmlSummary {

    public static final int MAX_TEXT = 2000;
    public static final int MAX_HTML = 20_000;

    private static final Safelist SAFE = Safelist.basicWithImages()
            .addTags("h2", "h3", "h4", "figure", "figcaption", "table", "thead", "tbody", "tr", "td", "th")
            .addAttributes("a", "title")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private HtmlSummary() {
    }

    /** Sanitized HTML, or {@code null} when nothing is left. */
    public static String sanitize(String html, String base) {
        if (html == null || html.isBlank()) {
            return null;
        }
        var dirty = Jsoup.parseBodyFragment(html, base == null || base.startsWith("classpath:") ? "" : base);
        Document clean = new Cleaner(SAFE).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        var result = clean.body().html().strip();
        if (result.isEmpty()) {
            return null;
        }
        return result.length() > MAX_HTML ? result.substring(0, MAX_HTML) : result;
    }

    /** The text of HTML (or of text with entities), whitespace collapsed, at most {@link #MAX_TEXT} characters. */
    public static String text(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        var text = Jsoup.parse(html).text().strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
}
