package org.citygraph.api.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Live updates ({@code citygraph.realtime.*}).
 *
 * @param replayWindow          events younger than this are kept for replay...
 * @param replayMinEvents       ...and so are at least this many of the newest, whatever their age
 * @param recentEvents          how many recent events each instance keeps in memory for fast resume
 * @param pollInterval          how often the outbox is read for events written by other instances
 * @param gapWait               how long an event that arrives out of order waits for the ones before it
 * @param bufferPerSubscription events a slow subscriber may fall behind before its connection is closed
 * @param maxSubscriptionsPerConnection subscriptions one WebSocket may hold at once
 * @param websocketPath         where the graphql-transport-ws endpoint listens
 * @param connectionInitTimeout how long a new WebSocket may wait before sending connection_init
 * @param keepAlive             how often the server pings an idle WebSocket
 */
@Validated
@ConfigurationProperties("citygraph.realtime")
public record RealtimeProperties(
        @NotNull @DefaultValue("24h") Duration replayWindow,
        @Min(0) @DefaultValue("100000") long replayMinEvents,
        @Min(16) @DefaultValue("10000") int recentEvents,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("200ms") Duration gapWait,
        @Min(16) @DefaultValue("1000") int bufferPerSubscription,
        @Min(1) @DefaultValue("20") int maxSubscriptionsPerConnection,
        @NotNull @DefaultValue("/graphql") String websocketPath,
        @NotNull @DefaultValue("10s") Duration connectionInitTimeout,
        @NotNull @DefaultValue("20s") Duration keepAlive) {
}
