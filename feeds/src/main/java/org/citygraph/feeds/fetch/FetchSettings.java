package org.citygraph.feeds.fetch;

import java.time.Duration;

/**
 * How the hub fetches from the outside.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the next bytes
 * @param totalTimeout   how long a whole fetch (redirects included) may take
 * @param maxBytes       the largest body accepted, after decompression
 * @param maxRedirects   how many redirects are followed
 * @param userAgent      what the hub calls itself
 */
public record FetchSettings(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, long maxBytes,
                            int maxRedirects, String userAgent) {

    public static final FetchSettings DEFAULTS = new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 10L * 1024 * 1024, 5, "CityGraph/0.1 (+https://github.com/citygraph; feed fetcher)");
}
