package org.citygraph.api.news;

import static org.citygraph.api.graphql.ViewerInterceptor.viewer;

import java.util.List;
import java.util.Map;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.PagedLoaders;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.TimeRange;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.news.Mention;
import org.citygraph.graph.news.NewsFilter;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.news.NewsItems;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

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

    NewsController(NewsItems news) {
        this.news = news;
    }

    @QueryMapping(name = "news")
    Connection<NewsItem> list(@Argument NewsFilterInput filter, @Argument Integer first, @Argument String after,
                              @Argument Integer last, @Argument String before, @ContextValue Viewer viewer,
                              DataFetchingEnvironment env) {
        return Connection.of(news.list(viewer, filter == null ? NewsFilter.NONE : filter.toFilter(),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env)));
    }

    @BatchMapping
    Map<NewsItem, List<Mention>> mentions(List<NewsItem> items, GraphQLContext context) {
        return PagedLoaders.byParent(items, NewsItem::id,
                news.mentions(viewer(context), items.stream().map(NewsItem::id).toList()));
    }
}
