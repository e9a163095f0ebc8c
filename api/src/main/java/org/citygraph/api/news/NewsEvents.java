package org.citygraph.api.news;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.citygraph.graph.news.NewsFacts;
import org.citygraph.graph.news.NewsItem;

/** The schema's news event types. */
final class NewsEvents {

    private NewsEvents() {
    }

    enum NewsEventKind { PUBLISHED, UPDATED }

    record NewsEvent(long seq, OffsetDateTime at, NewsEventKind kind, NewsItem item) {
    }

    record NewsEventFilter(List<String> districtIds, List<String> agencyIds, List<String> issueIds, List<String> feedIds,
                           Boolean includeUpdates) {

        static final NewsEventFilter ALL = new NewsEventFilter(null, null, null, null, false);

        boolean allows(NewsEventKind kind) {
            return kind == NewsEventKind.PUBLISHED || Boolean.TRUE.equals(includeUpdates);
        }

        boolean matches(NewsFacts facts) {
            return (empty(districtIds) || districtIds.stream().anyMatch(facts.districtIds()::contains))
                    && (empty(agencyIds) || agencyIds.stream().anyMatch(facts.agencyIds()::contains))
                    && (empty(issueIds) || issueIds.stream().anyMatch(facts.issueIds()::contains))
                    && (empty(feedIds) || feedIds.contains(facts.feedId()));
        }

        private static boolean empty(Collection<?> values) {
            return values == null || values.isEmpty();
        }
    }
}
