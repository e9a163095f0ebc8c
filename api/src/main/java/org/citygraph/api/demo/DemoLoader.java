package org.citygraph.api.demo;

import java.util.List;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.demo.DemoCity;
import org.citygraph.graph.demo.DemoIndicators;
import org.citygraph.graph.demo.LargeGraph;
import org.citygraph.graph.feed.FeedDraft;
import org.citygraph.graph.feed.Feeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Loads the demo city into an empty graph before the server accepts requests, so that the first
 * query on a fresh machine already finds Nonsan, and registers the bundled demo feeds (served from
 * the classpath, so news arrives with no internet).
 */
@Component
class DemoLoader implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    /** A bundled feed of made-up but realistic local news, and the agency that would publish it. */
    record DemoFeed(String file, String title, String publisherKey) {
    }

    static final List<DemoFeed> FEEDS = List.of(
            new DemoFeed("nonsan-press.rss", "논산시 보도자료 (데모)", "nonsan-city"),
            new DemoFeed("nonsan-police.rss", "논산경찰서 소식 (데모)", "nonsan-police"),
            new DemoFeed("chungnam-news.atom", "충청남도 도정 소식 (데모)", "chungnam"),
            new DemoFeed("local-daily.rss", "논산 지역일보 (데모)", null));

    private final Graph graph;
    private final Feeds feeds;
    private final DemoProperties properties;
    private final java.time.ZoneId zone;

    DemoLoader(Graph graph, Feeds feeds, DemoProperties properties,
               org.citygraph.api.indicator.IndicatorProperties indicators) {
        this.graph = graph;
        this.feeds = feeds;
        this.properties = properties;
        this.zone = indicators.zone();
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.enabled()) {
            DemoCity.loadIfEmpty(graph);
            DemoIndicators.loadIfEmpty(graph, zone, java.time.OffsetDateTime.now());
            if (properties.largeIssues() > 0) {
                LargeGraph.generateOnce(graph, properties.largeIssues(), properties.seed());
            }
            registerDemoFeeds();
        }
    }

    private void registerDemoFeeds() {
        int added = 0;
        for (var demo : FEEDS) {
            var url = "classpath:demo-feeds/" + demo.file();
            if (feeds.byUrl(url).isEmpty()) {
                var publisher = demo.publisherKey() == null ? null : NodeType.AGENCY.idFor(demo.publisherKey());
                feeds.create(new FeedDraft(url, demo.title(), "ko", null, true, publisher));
                added++;
            }
        }
        if (added > 0) {
            LOG.info("Registered {} bundled demo feeds; their news is polled in the first seconds", added);
        }
    }
}
