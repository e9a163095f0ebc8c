package org.citygraph.api.feed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.UserError;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.feed.Feed;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.FeedError;
import org.citygraph.graph.feed.Feeds;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

/** The {@code Feed} type: the feed list for staff, and the admin's mutations. */
@Controller
class FeedController {

    static final String RECENT_ERRORS = "feedRecentErrors";

    /** The schema's {@code FeedFilter}. */
    record FeedFilter(Boolean enabled, Boolean failing) {
    }

    /** The schema's {@code AddFeedInput} and {@code UpdateFeedInput}. */
    record FeedInput(String id, String url, String title, String language, Integer pollIntervalSeconds, Boolean enabled,
                     String publisherId) {

        FeedDraft toDraft() {
            return new FeedDraft(url, title, language, pollIntervalSeconds == null ? null : Duration.ofSeconds(pollIntervalSeconds),
                    enabled, publisherId);
        }
    }

    record FeedPayload(Feed feed, List<UserError> errors) {
    }

    record RemoveFeedPayload(String removedId, List<UserError> errors) {
    }

    private final Feeds feeds;
    private final Agencies agencies;
    private final FeedAdmin admin;

    FeedController(Feeds feeds, Agencies agencies, FeedAdmin admin, BatchLoaderRegistry registry) {
        this.feeds = feeds;
        this.agencies = agencies;
        this.admin = admin;
        registry.<String, List<FeedError>>forName(RECENT_ERRORS)
                .registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> feeds.errors(ids)));
    }

    @QueryMapping(name = "feeds")
    Connection<Feed> list(@Argument FeedFilter filter, @Argument Integer first, @Argument String after, @Argument Integer last,
                          @Argument String before, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        Permissions.requireStaff(viewer);
        var wanted = filter == null ? new FeedFilter(null, null) : filter;
        return Connection.of(feeds.list(wanted.enabled(), wanted.failing(), new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    Feed feed(@Argument String id, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return feeds.byId(id).orElse(null);
    }

    @QueryMapping
    String feedsOpml(@ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return admin.exportOpml();
    }

    @MutationMapping
    FeedPayload addFeed(@Argument FeedInput input, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        return admin.add(input.toDraft());
    }

    @MutationMapping
    FeedPayload updateFeed(@Argument FeedInput input, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        return admin.update(input.id(), input.toDraft());
    }

    @MutationMapping
    RemoveFeedPayload removeFeed(@Argument String id, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        return admin.remove(id);
    }

    @MutationMapping
    FeedAdmin.RefreshFeedPayload refreshFeed(@Argument String id, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return admin.refresh(id);
    }

    @MutationMapping
    FeedAdmin.ImportOpmlPayload importOpml(@Argument String opml, @ContextValue Viewer viewer) {
        Permissions.requireAdmin(viewer);
        return admin.importOpml(opml);
    }

    @BatchMapping
    Map<Feed, Agency> publisher(List<Feed> list) {
        var publisherIds = feeds.publishers(list.stream().map(Feed::id).toList());
        var byId = new LinkedHashMap<String, Agency>();
        agencies.byIds(publisherIds.values().stream().distinct().toList()).forEach(a -> byId.put(a.id(), a));
        var result = new LinkedHashMap<Feed, Agency>();
        list.forEach(f -> {
            var agency = byId.get(publisherIds.get(f.id()));
            if (agency != null) {
                result.put(f, agency);
            }
        });
        return result;
    }

    @SchemaMapping
    FeedError lastError(Feed feed) {
        return feed.lastErrorKind() == null ? null : new FeedError(feed.lastFetchAt(), feed.lastErrorKind(), feed.lastErrorMessage());
    }

    @SchemaMapping
    CompletableFuture<List<FeedError>> recentErrors(Feed feed, @Argument Integer first, DataLoader<String, List<FeedError>> feedRecentErrors) {
        int limit = Math.max(0, Math.min(first == null ? 5 : first, Feeds.KEPT_ERRORS));
        return feedRecentErrors.load(feed.id()).thenApply(errors -> errors == null ? List.<FeedError>of()
                : errors.subList(0, Math.min(limit, errors.size())));
    }
}
