package org.citygraph.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.citygraph.graph.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Limits requests per principal with Bucket4j token buckets (one per account, API key or anonymous
 * address, kept while in use). Runs after authentication, so that a logged-in caller is counted as
 * itself, not as its address. Answers 429 in the shape of a GraphQL error, with Retry-After.
 */
public class RateLimits extends OncePerRequestFilter {

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimits(RateLimitProperties properties) {
        this.properties = properties;
    }

    /**
     * Counts one public submission (a complaint or a comment) from an anonymous caller's address,
     * beyond the general limit: writing is what spammers do. Logged-in callers and API keys are
     * counted by the general limit only. Returns the seconds to wait when the address is over its
     * allowance, else empty.
     */
    public java.util.OptionalLong tryIntake(Viewer viewer, String clientAddress) {
        if (!properties.enabled() || viewer.role() != Viewer.Role.PUBLIC) {
            return java.util.OptionalLong.empty();
        }
        var key = "intake:" + (clientAddress == null ? "unknown" : clientAddress);
        var probe = buckets.get(key, k -> bucket(properties.intakePerMinute())).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
        return !properties.enabled() || !(path.startsWith("/graphql") || path.startsWith("/api/") || path.startsWith("/open311/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var viewer = Viewers.current();
        var key = viewer.role() == Viewer.Role.PUBLIC ? "address:" + request.getRemoteAddr() : "principal:" + viewer.userId();
        var bucket = buckets.get(key, k -> bucket(perMinute(viewer.role())));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"errors\":[{\"message\":\"Too many requests; try again in " + seconds
                + " s.\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"classification\":\"TOO_MANY_REQUESTS\",\"retryAfterSeconds\":"
                + seconds + "}}]}");
    }

    private int perMinute(Viewer.Role role) {
        return switch (role) {
            case PUBLIC -> properties.anonymousPerMinute();
            case PARTNER -> properties.partnerPerMinute();
            case STAFF -> properties.staffPerMinute();
            case ADMIN -> properties.adminPerMinute();
        };
    }

    /** A minute's allowance as the burst, refilled evenly over the minute. */
    static Bucket bucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
