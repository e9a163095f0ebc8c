package org.citygraph.api.news;

import static org.citygraph.api.graphql.ViewerInterceptor.viewer;

import java.util.List;
import java.util.Map;

import org.citygraph.api.event.EventViews;
import org.citygraph.api.event.Subscriptions;
import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.api.news.NewsEvents.NewsEvent;
import org.citygraph.api.news.NewsEvents.NewsEventFilter;
import org.citygraph.api.news.NewsEvents.NewsEventKind;
import org.citygraph.api.graphql.Prefetch;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.TimeRange;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.news.Mention;
import org.citygraph.graph.news.NewsFilter;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.news.NewsItems;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

/** The {@code NewsItem} type: the news list and what each item mentions. */
@Controller
class NewsController {

    /** The schema's {@code NewsFilter}. */
    record NewsFilterInput(List<String> districtIds, List<String> agencyIds, List<String> issueIds, List<String> feedIds,
                           TimeRange published, String text) {

        NewsFilter toFilter() {
            return new NewsFilter(districtIds, agencyIds, issueIds, feedIds, TimeRange.from(published),
                    TimeRange.to(published), text == null || text.isBlank() ? null : text);
        }
    }

    private final NewsItems news;
    private final Reads reads;
    private final Subscriptions subscriptions;
    private final EventViews views;

    NewsController(NewsItems news, Reads reads, Subscriptions subscriptions, EventViews views) {
        this.news = news;
        this.reads = reads;
        this.subscriptions = subscriptions;
        this.views = views;
    }

    @SubscriptionMapping
    Flux<NewsEvent> newsPublished(@Argument NewsEventFilter filter, @Argument Long after,
                                  @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        var wanted = filter == null ? NewsEventFilter.ALL : filter;
        return subscriptions.stream(after, sessionId).handle((event, sink) -> {
            var kind = switch (event.kind()) {
                case NEWS_PUBLISHED -> NewsEventKind.PUBLISHED;
                case NEWS_UPDATED -> NewsEventKind.UPDATED;
                default -> null;
            };
            if (kind != null && wanted.allows(kind) && views.newsFacts(event).filter(wanted::matches).isPresent()) {
                views.newsItem(event).ifPresent(item -> sink.next(new NewsEvent(event.seq(), event.at(), kind, item)));
            }
        });
    }

    @QueryMapping(name = "news")
    Connection<NewsItem> list(@Argument NewsFilterInput filter, @Argument Integer first, @Argument String after,
                              @Argument Integer last, @Argument String before, @ContextValue Viewer viewer,
                              DataFetchingEnvironment env) {
        var page = reads.page(viewer, NodeType.NEWS_ITEM, NewsItems.rootQuery(filter == null ? NewsFilter.NONE : filter.toFilter()),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env),
                Prefetch.planConnection(NodeType.NEWS_ITEM, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), page);
    }

    @BatchMapping
    Map<NewsItem, List<Mention>> mentions(List<NewsItem> items, GraphQLContext context) {
        var mentions = news.mentions(viewer(context), items.stream().map(NewsItem::id).toList());
        var result = new java.util.LinkedHashMap<NewsItem, List<Mention>>();
        items.forEach(item -> result.put(item, mentions.getOrDefault(item.id(), List.of())));
        return result;
    }
}
