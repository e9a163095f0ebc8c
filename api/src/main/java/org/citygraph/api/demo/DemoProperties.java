package org.citygraph.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo city ({@code citygraph.demo.*}).
 *
 * @param enabled load the demo city of Nonsan into an empty graph at start
 */
@ConfigurationProperties("citygraph.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled) {
}
