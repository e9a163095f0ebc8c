package org.citygraph.api.feed;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.citygraph.api.feed.FeedController.FeedPayload;
import org.citygraph.api.feed.FeedController.RemoveFeedPayload;
import org.citygraph.api.graphql.UserError;
import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.FetchFailure;
import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.feeds.ingest.PollOutcome;
import org.citygraph.feeds.opml.OpmlFiles;
import org.citygraph.feeds.parse.FeedParseFailure;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.FeedError;
import org.citygraph.graph.feed.Feeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What an admin does with feeds: register one (fetched once to prove it is a feed, and its items
 * stored at once), change, remove, poll now, and move the list in and out as OPML.
 */
@Service
class FeedAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FeedAdmin.class);
    static final int MAX_OPML_BYTES = 1024 * 1024;

    /** The schema's {@code PollResult}. */
    record PollResult(boolean notModified, int entries, int created, int updated, int unchanged, FeedError error) {

        static PollResult of(PollOutcome outcome) {
            var error = outcome.failed() ? new FeedError(outcome.feed().lastFetchAt(), outcome.errorKind(), outcome.errorMessage()) : null;
            return new PollResult(outcome.notModified(), outcome.entries(), outcome.created(), outcome.updated(),
                    outcome.unchanged(), error);
        }
    }

    record RefreshFeedPayload(Feed feed, PollResult result, List<UserError> errors) {
    }

    enum OpmlImportStatus { ADDED, SKIPPED, REFUSED }

    record OpmlImportEntry(String url, OpmlImportStatus status, Feed feed, String message) {
    }

    record ImportOpmlPayload(List<OpmlImportEntry> entries, int added, List<UserError> errors) {
    }

    private final Feeds feeds;
    private final FeedFetcher fetcher;
    private final FeedIngestor ingestor;

    FeedAdmin(Feeds feeds, FeedFetcher fetcher, FeedIngestor ingestor) {
        this.feeds = feeds;
        this.fetcher = fetcher;
        this.ingestor = ingestor;
    }

    FeedPayload add(FeedDraft draft) {
        if (draft.url() == null || draft.url().isBlank()) {
            return refused("url", "REQUIRED", "Give the feed's URL.");
        }
        var url = draft.url().strip();
        if (feeds.byUrl(url).isPresent()) {
            return refused("url", "DUPLICATE", "A feed with this URL is already registered.");
        }
        FeedIngestor.Probe probe;
        try {
            probe = ingestor.probe(url);
        } catch (FetchFailure e) {
            return refused("url", e.kind().name(), e.getMessage());
        } catch (FeedParseFailure e) {
            return refused("url", e.kind().name(), e.getMessage() + " Give the address of the RSS, Atom or JSON feed itself.");
        }
        Feed feed;
        try {
            feed = feeds.create(new FeedDraft(url, draft.title(), draft.language(), draft.pollInterval(), draft.enabled(),
                    draft.publisherId()));
        } catch (InvalidInputException e) {
            return new FeedPayload(null, UserError.of(e));
        }
        var outcome = ingestor.store(feed, probe, OffsetDateTime.now());
        LOG.info("Feed {} registered ({}): {} items stored", feed.id(), url, outcome.created());
        return new FeedPayload(outcome.feed(), List.of());
    }

    FeedPayload update(String id, FeedDraft changes) {
        if (changes.url() != null) {
            try {
                fetcher.validate(changes.url().strip());
            } catch (FetchFailure e) {
                return refused("url", e.kind().name(), e.getMessage());
            }
        }
        try {
            return new FeedPayload(feeds.update(id, changes), List.of());
        } catch (InvalidInputException e) {
            return new FeedPayload(null, UserError.of(e));
        }
    }

    RemoveFeedPayload remove(String id) {
        try {
            feeds.remove(id);
            LOG.info("Feed {} removed", id);
            return new RemoveFeedPayload(id, List.of());
        } catch (InvalidInputException e) {
            return new RemoveFeedPayload(null, UserError.of(e));
        }
    }

    RefreshFeedPayload refresh(String id) {
        var feed = feeds.byId(id);
        if (feed.isEmpty()) {
            return new RefreshFeedPayload(null, null, List.of(new UserError(List.of("id"), "NOT_FOUND", "No feed with id '" + id + "'.")));
        }
        var outcome = ingestor.poll(feed.get());
        return new RefreshFeedPayload(outcome.feed(), PollResult.of(outcome), List.of());
    }

    ImportOpmlPayload importOpml(String document) {
        var bytes = document.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_OPML_BYTES) {
            return new ImportOpmlPayload(List.of(), 0, List.of(new UserError(List.of("opml"), "TOO_LARGE", "Import at most 1 MB of OPML at once.")));
        }
        List<OpmlFiles.Entry> entries;
        try {
            entries = OpmlFiles.read(bytes);
        } catch (OpmlFiles.OpmlFailure e) {
            return new ImportOpmlPayload(List.of(), 0, List.of(new UserError(List.of("opml"), "INVALID_OPML", e.getMessage())));
        }
        var results = new ArrayList<OpmlImportEntry>();
        int added = 0;
        for (var entry : entries) {
            var existing = feeds.byUrl(entry.url());
            if (existing.isPresent()) {
                results.add(new OpmlImportEntry(entry.url(), OpmlImportStatus.SKIPPED, existing.get(), "Already registered."));
                continue;
            }
            try {
                fetcher.validate(entry.url());
                var language = entry.language() != null && entry.language().matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?") ? entry.language() : null;
                var feed = feeds.create(new FeedDraft(entry.url(), entry.title(), language, null, true, null));
                results.add(new OpmlImportEntry(entry.url(), OpmlImportStatus.ADDED, feed, null));
                added++;
            } catch (FetchFailure e) {
                results.add(new OpmlImportEntry(entry.url(), OpmlImportStatus.REFUSED, null, e.getMessage()));
            } catch (InvalidInputException e) {
                results.add(new OpmlImportEntry(entry.url(), OpmlImportStatus.REFUSED, null, e.errors().get(0).message()));
            }
        }
        LOG.info("OPML import: {} feeds in the file, {} added", entries.size(), added);
        return new ImportOpmlPayload(results, added, List.of());
    }

    String exportOpml() {
        return OpmlFiles.write(feeds.all(), "CityGraph news feeds");
    }

    private static FeedPayload refused(String field, String code, String message) {
        return new FeedPayload(null, List.of(new UserError(List.of("input", field), code, message)));
    }
}
