package org.citygraph.api.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Webhook delivery ({@code citygraph.webhooks.*}).
 *
 * @param delivery        send events to webhooks; off, they wait (their cursors keep their place)
 * @param concurrency     webhooks served at once
 * @param firstRetry      the wait after a first failure; it doubles after each further one...
 * @param maxBackoff      ...up to this
 * @param maxFailures     failures in a row after which a webhook is disabled (with the defaults,
 *                        about eight hours of retries)
 * @param timeout         how long one POST may take
 * @param allowedNetworks private networks webhooks may be delivered to, in CIDR form; by default
 *                        only public addresses, like feeds
 */
@Validated
@ConfigurationProperties("citygraph.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean delivery,
        @Min(1) @Max(64) @DefaultValue("4") int concurrency,
        @NotNull @DefaultValue("10s") Duration firstRetry,
        @NotNull @DefaultValue("1h") Duration maxBackoff,
        @Min(1) @DefaultValue("15") int maxFailures,
        @NotNull @DefaultValue("10s") Duration timeout,
        @DefaultValue List<String> allowedNetworks) {
}
