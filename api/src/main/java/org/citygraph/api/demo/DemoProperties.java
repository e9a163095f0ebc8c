package org.citygraph.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo city ({@code citygraph.demo.*}).
 *
 * @param enabled     load the demo city of Nonsan into an empty graph at start
 * @param largeIssues for benchmarks: add this many synthetic issues (and about ten relationships
 *                    each) to the demo city, once; 0 adds none
 * @param seed        the seed of the synthetic graph, so that two runs build the same graph
 */
@ConfigurationProperties("citygraph.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("0") int largeIssues,
                             @DefaultValue("20200803") long seed) {
}
