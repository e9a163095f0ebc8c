package org.citygraph.api.feed;

import java.time.Duration;
import java.util.List;

import org.citygraph.feeds.fetch.FetchSettings;
import org.citygraph.feeds.fetch.NetworkPolicy;
import org.citygraph.feeds.ingest.FeedIngestor;
import org.citygraph.feeds.poll.FeedScheduler;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * News feeds ({@code citygraph.feeds.*}).
 *
 * @param polling         poll registered feeds on their schedules; off, feeds are fetched only by refreshFeed
 * @param concurrency     how many feeds are fetched at once
 * @param allowedNetworks networks the hub may fetch from although they are private, loopback or
 *                        link-local, in CIDR form (e.g. 10.20.0.0/16 for the city's intranet); by
 *                        default only public addresses are fetched
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait for the next bytes
 * @param totalTimeout    how long one fetch may take, redirects included
 * @param maxSize         the largest feed accepted, after decompression
 * @param maxRedirects    how many redirects are followed
 * @param maxBackoff      the longest wait between polls of a failing feed
 * @param userAgent       what the hub calls itself to the servers it polls
 */
@Validated
@ConfigurationProperties("citygraph.feeds")
public record FeedProperties(
        @DefaultValue("true") boolean polling,
        @Min(1) @Max(64) @DefaultValue("8") int concurrency,
        @DefaultValue List<String> allowedNetworks,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout,
        @NotNull @DefaultValue("30s") Duration totalTimeout,
        @NotNull @DefaultValue("10MB") DataSize maxSize,
        @Min(0) @Max(20) @DefaultValue("5") int maxRedirects,
        @NotNull @DefaultValue("6h") Duration maxBackoff,
        @NotNull @DefaultValue("CityGraph/0.1 (+https://github.com/citygraph/citygraph; feed fetcher)") String userAgent) {

    FetchSettings fetchSettings() {
        return new FetchSettings(connectTimeout, readTimeout, totalTimeout, maxSize.toBytes(), maxRedirects, userAgent);
    }

    NetworkPolicy networkPolicy() {
        return new NetworkPolicy(allowedNetworks.stream().map(NetworkPolicy.Cidr::parse).toList());
    }

    FeedIngestor.Settings ingestSettings() {
        return new FeedIngestor.Settings(maxBackoff, FeedIngestor.Settings.DEFAULTS.jitter());
    }

    FeedScheduler.Settings schedulerSettings() {
        var defaults = FeedScheduler.Settings.DEFAULTS;
        return new FeedScheduler.Settings(concurrency, defaults.tick(), defaults.lease());
    }
}
