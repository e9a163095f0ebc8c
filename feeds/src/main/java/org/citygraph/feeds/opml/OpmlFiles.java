package org.citygraph.feeds.opml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.citygraph.graph.feed.Feed;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.WireFeedOutput;

/**
 * The feed list as OPML, the format every feed reader imports and exports. Read with Rome's OPML
 * module, DOCTYPE refused like any feed; folders are flattened, since the hub has no folders.
 */
public final class OpmlFiles {

    /** The most outlines one import takes. */
    public static final int MAX_OUTLINES = 5_000;

    /** A feed found in an OPML file. */
    public record Entry(String url, String title, String language) {
    }

    /** The OPML file cannot be read; nothing of it was imported. */
    public static final class OpmlFailure extends RuntimeException {
        public OpmlFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OpmlFiles() {
    }

    /** The feeds (outlines with an {@code xmlUrl}) of an OPML 1.0 or 2.0 document, in document order. */
    public static List<Entry> read(byte[] document) {
        var input = new WireFeedInput();
        input.setAllowDoctypes(false);
        Object parsed;
        try (var reader = new InputStreamReader(new ByteArrayInputStream(document), StandardCharsets.UTF_8)) {
            parsed = input.build(reader);
        } catch (FeedException | IllegalArgumentException e) {
            throw new OpmlFailure("The document is not an OPML file: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new OpmlFailure("The document cannot be read.", e);
        }
        if (!(parsed instanceof Opml opml)) {
            throw new OpmlFailure("The document is a feed, not an OPML file of feeds.", null);
        }
        var entries = new ArrayList<Entry>();
        collect(opml.getOutlines(), entries);
        if (entries.size() > MAX_OUTLINES) {
            throw new OpmlFailure("The file lists " + entries.size() + " feeds; import at most " + MAX_OUTLINES + " at once.", null);
        }
        return entries;
    }

    /** The feeds as an OPML 2.0 document. */
    public static String write(List<Feed> feeds, String title) {
        var opml = new Opml();
        opml.setFeedType("opml_2.0");
        opml.setTitle(title);
        opml.setCreated(new Date());
        var outlines = new ArrayList<Outline>();
        for (var feed : feeds) {
            var outline = new Outline();
            outline.setType("rss");
            outline.setText(feed.title() == null ? feed.url() : feed.title());
            outline.setTitle(feed.title());
            outline.getAttributes().add(new Attribute("xmlUrl", feed.url()));
            if (feed.language() != null) {
                outline.getAttributes().add(new Attribute("language", feed.language()));
            }
            outlines.add(outline);
        }
        opml.setOutlines(outlines);
        try {
            return new WireFeedOutput().outputString(opml, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Writing OPML failed", e);
        }
    }

    private static void collect(List<Outline> outlines, List<Entry> into) {
        for (var outline : outlines) {
            var url = outline.getXmlUrl();
            if (url != null && !url.isBlank()) {
                var title = outline.getTitle() != null ? outline.getTitle() : outline.getText();
                var language = outline.getAttributeValue("language");
                into.add(new Entry(url.strip(), title == null || title.isBlank() ? null : title.strip(), language));
            }
            collect(outline.getChildren(), into);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
