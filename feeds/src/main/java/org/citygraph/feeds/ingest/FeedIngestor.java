package org.citygraph.feeds.ingest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.FetchFailure;
import org.citygraph.feeds.fetch.FetchResult;
import org.citygraph.feeds.normalize.EntryNormalizer;
import org.citygraph.feeds.parse.FeedParseFailure;
import org.citygraph.feeds.parse.FeedParser;
import org.citygraph.feeds.parse.ParsedFeed;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.news.NewsItemDraft;
import org.citygraph.graph.news.NewsWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed, start to end: fetch (conditional), parse, normalize, link, store in one
 * transaction with its events, publish the events once committed, and record the attempt on the
 * feed. A failure at any step stores no item, is recorded with its kind, logged once when it
 * starts (not at every retry), and delays the next poll exponentially.
 */
public final class FeedIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIngestor.class);

    /**
     * @param maxBackoff the longest wait between polls of a failing feed
     * @param jitter     the share of an interval added or taken at random, so that feeds spread out
     */
    public record Settings(Duration maxBackoff, double jitter) {
        public static final Settings DEFAULTS = new Settings(Duration.ofHours(6), 0.1);
    }

    private final FeedFetcher fetcher;
    private final FeedParser parser = new FeedParser();
    private final Feeds feeds;
    private final NewsWrites news;
    private final Mentions mentions;
    private final Consumer<List<GraphEvent>> publish;
    private final Settings settings;

    public FeedIngestor(FeedFetcher fetcher, Feeds feeds, NewsWrites news, Mentions mentions,
                        Consumer<List<GraphEvent>> publish, Settings settings) {
        this.fetcher = fetcher;
        this.feeds = feeds;
        this.news = news;
        this.mentions = mentions;
        this.publish = publish;
        this.settings = settings;
    }

    /** Polls one feed now: a conditional fetch, then everything new or changed is stored. */
    public PollOutcome poll(Feed feed) {
        var started = OffsetDateTime.now();
        FetchResult fetched;
        ParsedFeed parsed;
        try {
            fetched = fetcher.fetch(feed.url(), feed.etag(), feed.lastModified());
            if (fetched.notModified()) {
                var updated = feeds.recordNotModified(feed.id(), started, next(started, feed.pollInterval(), 0));
                return new PollOutcome(updated, true, 0, 0, 0, 0, null, null);
            }
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FetchFailure e) {
            return failed(feed, started, e.kind().name(), e.getMessage());
        } catch (FeedParseFailure e) {
            return failed(feed, started, e.kind().name(), e.getMessage());
        }
        return store(feed, new Probe(fetched, parsed), started);
    }

    /**
     * Fetches and parses a URL without storing anything, to check that it is a feed before it is
     * registered.
     *
     * @throws FetchFailure     when it cannot be fetched
     * @throws FeedParseFailure when what it serves is not a feed
     */
    public Probe probe(String url) {
        fetcher.validate(url);
        var fetched = fetcher.fetch(url, null, null);
        return new Probe(fetched, parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl()));
    }

    /** Stores what a probe already fetched, so that registering a feed fetches it once, not twice. */
    public PollOutcome store(Feed feed, Probe probe, OffsetDateTime started) {
        try {
            var fetched = probe.fetched();
            var drafts = drafts(feed, probe.parsed(), fetched.finalUrl(), started);
            var next = next(started, feed.pollInterval(), 0);
            var state = new AtomicReference<Feed>();
            var written = news.upsert(Viewer.SYSTEM, feed.id(), drafts, tx -> state.set(Feeds.recordSuccess(tx, feed.id(),
                    started, fetched.etag(), fetched.lastModified(), probe.parsed().title(), next)));
            publish.accept(written.events());
            var outcome = written.value();
            var updated = state.get();
            if (!feed.healthy()) {
                LOG.info("Feed {} ({}) works again after {} failed polls", feed.id(), feed.url(), feed.consecutiveErrors());
            }
            if (outcome.created() > 0 || outcome.updated() > 0) {
                LOG.info("Feed {}: {} new, {} updated, {} unchanged items", feed.id(), outcome.created(), outcome.updated(),
                        outcome.unchanged());
            }
            return new PollOutcome(updated, false, drafts.size(), outcome.created(), outcome.updated(), outcome.unchanged(), null, null);
        } catch (RuntimeException e) {
            LOG.warn("Storing the items of feed {} failed", feed.id(), e);
            return failed(feed, started, "INTERNAL", "The hub failed while storing this feed's items; see the log.");
        }
    }

    /** A URL fetched and parsed, not yet stored. */
    public record Probe(FetchResult fetched, ParsedFeed parsed) {
    }

    private List<NewsItemDraft> drafts(Feed feed, ParsedFeed parsed, String url, OffsetDateTime seenAt) {
        var language = feed.language() != null ? feed.language() : parsed.language() != null ? shortLanguage(parsed.language()) : null;
        var source = feed.title() != null ? feed.title() : parsed.title();
        var drafts = new ArrayList<NewsItemDraft>();
        for (var entry : parsed.entries()) {
            var item = EntryNormalizer.normalize(entry, feed.id(), url, language, seenAt);
            if (item == null) {
                continue;
            }
            drafts.add(new NewsItemDraft(item.dedupeKey(), item.guid(), item.link(), item.title(), item.summary(),
                    item.summaryHtml(), item.publishedAt(), item.publishedEstimated(), item.language(), source,
                    item.contentHash(), mentions.find(item.title(), item.summary())));
        }
        return drafts;
    }

    private PollOutcome failed(Feed feed, OffsetDateTime started, String kind, String message) {
        int errors = feed.consecutiveErrors() + 1;
        if (feed.healthy() || !kind.equals(feed.lastErrorKind())) {
            LOG.warn("Feed {} ({}) failed: {} {}", feed.id(), feed.url(), kind, message);
        }
        var updated = feeds.recordFailure(feed.id(), started, kind, message, next(started, feed.pollInterval(), errors));
        return new PollOutcome(updated, false, 0, 0, 0, 0, kind, message);
    }

    /** The next poll: the interval (doubled per consecutive error, capped), give or take the jitter. */
    OffsetDateTime next(OffsetDateTime from, Duration interval, int errors) {
        var wait = interval;
        for (int i = 0; i < errors && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(settings.maxBackoff()) > 0) {
            wait = settings.maxBackoff();
        }
        long millis = wait.toMillis();
        long spread = (long) (millis * settings.jitter());
        long jittered = millis + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1));
        return from.plus(Duration.ofMillis(Math.max(1000, jittered)));
    }

    private static String shortLanguage(String language) {
        var tag = language.strip();
        int dash = tag.indexOf('-');
        return (dash > 0 ? tag.substring(0, dash) : tag).toLowerCase();
    }
}
