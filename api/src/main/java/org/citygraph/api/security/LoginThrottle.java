package org.citygraph.api.security;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows password guessing: each failed login takes a token from the username's bucket and from the
 * address's (which is four times larger, for offices behind one address). While either is empty,
 * logins for that username or from that address are refused before the password is checked, even
 * a right one; tokens come back evenly over the window.
 */
@Component
public class LoginThrottle {

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets;

    public LoginThrottle(RateLimitProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(properties.loginWindowMinutes() * 2L)).build();
    }

    /** Seconds to wait when the username or the address may not try now; empty when it may. */
    public OptionalLong waitFor(String username, String address) {
        long nanos = Math.max(wait(user(username)), wait(address(address)));
        return nanos > 0 ? OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1)) : OptionalLong.empty();
    }

    public void failed(String username, String address) {
        user(username).tryConsume(1);
        address(address).tryConsume(1);
    }

    private Bucket user(String username) {
        return buckets.get("user:" + String.valueOf(username).toLowerCase(), k -> bucket(properties.loginFailures()));
    }

    private Bucket address(String address) {
        return buckets.get("address:" + address, k -> bucket(properties.loginFailures() * 4));
    }

    private Bucket bucket(int failures) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(failures)
                .refillGreedy(failures, Duration.ofMinutes(properties.loginWindowMinutes())).build()).build();
    }

    private static long wait(Bucket bucket) {
        return bucket.getAvailableTokens() > 0 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }
}
