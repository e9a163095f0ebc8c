package org.citygraph.api.feed;

import java.util.List;

import org.citygraph.api.event.EventBus;
import org.citygraph.feeds.fetch.FeedFetcher;
import org.citygraph.feeds.fetch.HttpFetcher;
import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.feeds.link.LiveLinker;
import org.citygraph.feeds.poll.FeedScheduler;
import org.citygraph.graph.Graph;
import org.citygraph.graph.feed.Feeds;
import org.citygraph.graph.news.NewsWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed pipeline's beans: the guarded fetcher, the linker, the ingestor and the scheduler. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    /** Classpath folders a {@code classpath:} feed may read: the bundled demo feeds only. */
    static final List<String> CLASSPATH_FEEDS = List.of("demo-feeds");

    @Bean(destroyMethod = "close")
    HttpFetcher httpFetcher(FeedProperties properties) {
        return new HttpFetcher(properties.fetchSettings(), properties.networkPolicy());
    }

    @Bean
    FeedFetcher feedFetcher(HttpFetcher http) {
        return new FeedFetcher(http, CLASSPATH_FEEDS);
    }

    @Bean
    Feeds feeds(Graph graph) {
        return new Feeds(graph);
    }

    @Bean
    LiveLinker liveLinker(Graph graph) {
        return new LiveLinker(graph);
    }

    @Bean
    FeedIngestor feedIngestor(FeedFetcher fetcher, Feeds feeds, Graph graph, LiveLinker linker, EventBus bus,
                              FeedProperties properties) {
        return new FeedIngestor(fetcher, feeds, new NewsWrites(graph), linker, bus::publish,
                properties.ingestSettings());
    }

    @Bean(destroyMethod = "close")
    FeedScheduler feedScheduler(Feeds feeds, FeedIngestor ingestor, FeedProperties properties) {
        return new FeedScheduler(feeds, ingestor, properties.schedulerSettings());
    }
}
