package org.citygraph.feeds.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.Atom10Parser;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0 with Rome, and JSON Feed 1.0 and 1.1 with
 * Jackson, from bytes already fetched. A DOCTYPE is refused (so entity expansion and external
 * entities cannot happen); a document that is not well-formed or not a feed fails as a whole, so
 * nothing half-parsed is ever stored.
 */
public final class FeedParser {

    static {
        // Resolve relative links in Atom against xml:base, as the Atom specification requires.
        Atom10Parser.setResolveURIs(true);
    }

    private final ObjectMapper json = new ObjectMapper();

    public ParsedFeed parse(byte[] bytes, String contentType, String feedUrl) {
        if (looksLikeJson(bytes)) {
            return parseJson(bytes, feedUrl);
        }
        var input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true); // to tell an RSS guid from the link Rome copies into uri
        try (var reader = new XmlReader(new ByteArrayInputStream(bytes), contentType, true, Charsets.guess(bytes).name())) {
            var feed = input.build(reader);
            var entries = new ArrayList<ParsedFeed.Entry>();
            for (var entry : feed.getEntries()) {
                entries.add(entry(entry, feedUrl));
            }
            return new ParsedFeed(feed.getFeedType(), trim(feed.getTitle()), trim(feed.getLink()), trim(feed.getLanguage()), entries);
        } catch (ParsingFeedException e) {
            var doctype = String.valueOf(e.getMessage()).contains("DOCTYPE") || causeMentions(e, "DOCTYPE");
            throw new FeedParseFailure(doctype ? FeedParseFailure.Kind.DOCTYPE_REFUSED : FeedParseFailure.Kind.MALFORMED,
                    doctype ? "The document has a DOCTYPE, which the hub refuses (it could expand entities or read files)."
                            : "The document is not well-formed XML: " + firstLine(e), e);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "The document is not an RSS or Atom feed.", e);
        } catch (IOException e) {
            throw new FeedParseFailure(FeedParseFailure.Kind.MALFORMED, "The document cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static ParsedFeed.Entry entry(SyndEntry entry, String feedUrl) {
        var summary = entry.getDescription();
        if (summary == null || summary.getValue() == null || summary.getValue().isBlank()) {
            summary = entry.getContents().isEmpty() ? null : entry.getContents().get(0);
        }
        var text = summary == null ? null : summary.getValue();
        var guid = entry.getUri();
        var link = trim(entry.getLink());
        if (guid != null && guid.equals(link) && entry.getWireEntry() instanceof com.rometools.rome.feed.rss.Item item
                && item.getGuid() == null) {
            guid = null; // Rome puts the link into uri when an RSS item has no guid; it is not one.
        }
        return new ParsedFeed.Entry(trim(guid), link, trim(entry.getTitle()), text, isHtml(summary),
                time(entry.getPublishedDate()), time(entry.getUpdatedDate()), feedUrl);
    }

    private static boolean isHtml(SyndContent content) {
        if (content == null || content.getType() == null) {
            return content != null && content.getValue() != null && content.getValue().contains("<");
        }
        var type = content.getType().toLowerCase();
        return type.contains("html") || type.contains("xhtml");
    }

    private ParsedFeed parseJson(byte[] bytes, String feedUrl) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw new FeedParseFailure(FeedParseFailure.Kind.MALFORMED, "The document is not valid JSON.", e);
        }
        var version = root.path("version").asText("");
        if (!version.startsWith("https://jsonfeed.org/version/")) {
            throw new FeedParseFailure(FeedParseFailure.Kind.NOT_A_FEED, "The JSON document is not a JSON Feed.", null);
        }
        var entries = new ArrayList<ParsedFeed.Entry>();
        for (var item : root.path("items")) {
            var html = item.path("content_html").asText(null);
            var summary = item.hasNonNull("summary") ? item.get("summary").asText() : html != null ? html : item.path("content_text").asText(null);
            var isHtml = !item.hasNonNull("summary") && html != null;
            entries.add(new ParsedFeed.Entry(item.path("id").asText(null), item.path("url").asText(null), item.path("title").asText(null),
                    summary, isHtml, jsonTime(item.path("date_published").asText(null)), jsonTime(item.path("date_modified").asText(null)),
                    feedUrl));
        }
        return new ParsedFeed("json_" + version.substring(version.lastIndexOf('/') + 1), root.path("title").asText(null),
                root.path("home_page_url").asText(null), root.path("language").asText(null), entries);
    }

    private static OffsetDateTime jsonTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean causeMentions(Throwable e, String word) {
        for (var cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        var message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
