package org.citygraph.api.feed;

import java.time.Duration;
import java.util.EnumSet;

import org.citygraph.api.event.EventBus;
import org.citygraph.feeds.link.LiveLinker;
import org.citygraph.feeds.poll.FeedScheduler;
import org.citygraph.graph.event.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Starts the feed pipeline once the application is ready (the demo city is loaded by then): reads
 * the gazetteer, keeps it current as issues change, and starts polling unless it is turned off.
 */
@Component
class FeedPolling implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPolling.class);

    /** Issue changes that can change what news names: titles, status, districts, agencies. */
    private static final EnumSet<EventKind> NAMING = EnumSet.of(EventKind.ISSUE_CREATED, EventKind.ISSUE_UPDATED,
            EventKind.ISSUE_STATUS_CHANGED, EventKind.ISSUE_LINKED, EventKind.ISSUE_UNLINKED);

    /** Bursts of issue changes rebuild the gazetteer once, this long after the burst began. */
    private static final Duration RELOAD_DELAY = Duration.ofSeconds(2);

    private final LiveLinker linker;
    private final FeedScheduler scheduler;
    private final EventBus bus;
    private final FeedProperties properties;
    private Disposable reloads;

    FeedPolling(LiveLinker linker, FeedScheduler scheduler, EventBus bus, FeedProperties properties) {
        this.linker = linker;
        this.scheduler = scheduler;
        this.bus = bus;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        linker.reload();
        reloads = bus.events()
                .filter(e -> NAMING.contains(e.kind()))
                .sample(RELOAD_DELAY)
                .publishOn(Schedulers.boundedElastic())
                .subscribe(e -> reload(), e -> LOG.warn("Gazetteer updates stopped", e));
        if (properties.polling()) {
            scheduler.start();
        } else {
            LOG.info("Feed polling is off (citygraph.feeds.polling=false): feeds are fetched only by refreshFeed");
        }
    }

    private void reload() {
        try {
            linker.reload();
        } catch (RuntimeException e) {
            LOG.warn("Rebuilding the gazetteer failed; the previous one stays in use: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (reloads != null) {
            reloads.dispose();
        }
    }
}
