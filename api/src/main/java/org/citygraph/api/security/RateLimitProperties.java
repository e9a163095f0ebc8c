package org.citygraph.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Requests per minute ({@code citygraph.rate-limits.*}) to /graphql and /api, per principal: an
 * account or API key, or for anonymous callers their address. Bursts up to a minute's allowance
 * are fine; past it a caller gets 429 with Retry-After. Login attempts have their own, stricter limit.
 *
 * @param enabled              turn the limits off, e.g. behind a gateway that limits already, or for benchmarks
 * @param loginFailures        failed logins allowed per username (and, four times as many, per address)...
 * @param loginWindowMinutes   ...within this many minutes
 * @param intakePerMinute      complaints and comments an anonymous address may submit per minute (GraphQL and Open311)
 */
@Validated
@ConfigurationProperties("citygraph.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("600") int anonymousPerMinute,
        @Min(1) @DefaultValue("1200") int partnerPerMinute,
        @Min(1) @DefaultValue("3000") int staffPerMinute,
        @Min(1) @DefaultValue("6000") int adminPerMinute,
        @Min(1) @DefaultValue("5") int loginFailures,
        @Min(1) @DefaultValue("15") int loginWindowMinutes,
        @Min(1) @DefaultValue("10") int intakePerMinute) {
}
