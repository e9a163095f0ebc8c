package org.citygraph.feeds.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The hub's HTTP client for the outside world (feeds, webhooks): timeouts on connect, on every read
 * and on the whole exchange; a size cap on the decompressed body; gzip; a bounded number of
 * redirects, each checked; conditional GET; a User-Agent that names the product. Every address is
 * checked by the {@link NetworkPolicy} after DNS resolution, inside the connection itself, so a
 * name that resolves to an internal address is refused however it got there (redirect, DNS
 * rebinding).
 */
public final class HttpFetcher implements AutoCloseable {

    /** The answer of a POST: its status and the start of its body, for delivery logs. */
    public record PostResult(int status, String bodyStart) {
    }

    private final FetchSettings settings;
    private final NetworkPolicy policy;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "fetch-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public HttpFetcher(FetchSettings settings, NetworkPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setMaxConnTotal(200)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                // retries are the poller's and the webhook dispatcher's, with their own backoff, and visible
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .build();
    }

    /** GET with conditional headers; a 304 is a result without body, other non-2xx statuses are failures. */
    public FetchResult get(String url, String etag, String lastModified) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        var current = parse(url);
        var visited = new HashSet<String>();
        for (int hop = 0; ; hop++) {
            if (!visited.add(current.toString())) {
                throw new FetchFailure(FetchFailure.Kind.TOO_MANY_REDIRECTS, "Redirect loop at " + current + ".");
            }
            var request = new HttpGet(current);
            request.setHeader(HttpHeaders.ACCEPT, "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5");
            if (hop == 0 && etag != null) {
                request.setHeader(HttpHeaders.IF_NONE_MATCH, etag);
            }
            if (hop == 0 && lastModified != null) {
                request.setHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
            }
            var outcome = execute(request, deadline, current);
            if (outcome.redirect != null) {
                if (hop >= settings.maxRedirects()) {
                    throw new FetchFailure(FetchFailure.Kind.TOO_MANY_REDIRECTS,
                            "More than " + settings.maxRedirects() + " redirects from " + url + ".");
                }
                current = parse(current.resolve(outcome.redirect).toString());
                continue;
            }
            return new FetchResult(current.toString(), outcome.status == 304, outcome.body, outcome.contentType,
                    outcome.etag, outcome.lastModified);
        }
    }

    /** POST a JSON body (webhooks); redirects are not followed. */
    public PostResult postJson(String url, byte[] body, java.util.Map<String, String> headers) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        var uri = parse(url);
        var request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        var outcome = execute(request, deadline, uri);
        var text = outcome.body == null ? "" : new String(outcome.body, 0, Math.min(outcome.body.length, 300),
                java.nio.charset.StandardCharsets.UTF_8);
        return new PostResult(outcome.status, text);
    }

    private record Outcome(int status, byte[] body, String contentType, String etag, String lastModified, String redirect) {
    }

    private Outcome execute(HttpUriRequestBase request, long deadline, URI uri) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new FetchFailure(FetchFailure.Kind.TIMEOUT, "Gave up on " + uri + " after " + settings.totalTimeout().toSeconds() + " s.");
        }
        var timer = deadlines.schedule(request::cancel, remaining, TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int status = response.getCode();
            var location = response.getFirstHeader(HttpHeaders.LOCATION);
            if (status >= 300 && status < 400 && status != 304 && location != null) {
                return new Outcome(status, null, null, null, null, location.getValue());
            }
            if (status == 304) {
                return new Outcome(304, null, null, header(response, HttpHeaders.ETAG), header(response, HttpHeaders.LAST_MODIFIED), null);
            }
            byte[] body = response.getEntity() == null ? new byte[0] : read(response.getEntity().getContent(), deadline, uri);
            if (request instanceof HttpGet && (status < 200 || status >= 300)) {
                throw new FetchFailure(FetchFailure.Kind.HTTP_STATUS, uri + " answered HTTP " + status + ".");
            }
            return new Outcome(status, body, header(response, HttpHeaders.CONTENT_TYPE), header(response, HttpHeaders.ETAG),
                    header(response, HttpHeaders.LAST_MODIFIED), null);
        } catch (FetchFailure e) {
            throw e;
        } catch (BlockedAddress e) {
            throw new FetchFailure(FetchFailure.Kind.BLOCKED_ADDRESS, e.getMessage(), e);
        } catch (UnknownHostException e) {
            throw new FetchFailure(FetchFailure.Kind.DNS, "Cannot resolve " + uri.getHost() + ".", e);
        } catch (ConnectException e) {
            throw new FetchFailure(FetchFailure.Kind.CONNECT, "Cannot connect to " + uri.getHost() + ".", e);
        } catch (SocketTimeoutException e) {
            throw new FetchFailure(FetchFailure.Kind.TIMEOUT, uri.getHost() + " did not answer in time.", e);
        } catch (InterruptedIOException e) {
            throw new FetchFailure(FetchFailure.Kind.TIMEOUT, "Gave up on " + uri + " after " + settings.totalTimeout().toSeconds() + " s.", e);
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new FetchFailure(FetchFailure.Kind.TIMEOUT, "Gave up on " + uri + " after " + settings.totalTimeout().toSeconds() + " s.", e);
            }
            var cause = e.getCause();
            if (cause instanceof BlockedAddress blocked) {
                throw new FetchFailure(FetchFailure.Kind.BLOCKED_ADDRESS, blocked.getMessage(), e);
            }
            throw new FetchFailure(FetchFailure.Kind.NETWORK, "Fetching " + uri + " failed: " + e.getClass().getSimpleName() + ".", e);
        } finally {
            timer.cancel(false);
        }
    }

    private byte[] read(InputStream in, long deadline, URI uri) throws IOException {
        var out = new ByteArrayOutputStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > settings.maxBytes()) {
                throw new FetchFailure(FetchFailure.Kind.TOO_LARGE, uri + " sent more than " + settings.maxBytes() + " bytes.");
            }
            if (System.nanoTime() > deadline) {
                throw new FetchFailure(FetchFailure.Kind.TIMEOUT, "Gave up on " + uri + " after " + settings.totalTimeout().toSeconds() + " s.");
            }
        }
        return out.toByteArray();
    }

    private static String header(ClassicHttpResponse response, String name) {
        var header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** Only absolute http and https URLs with a host. */
    public static URI parse(String url) {
        try {
            var uri = new URI(url == null ? "" : url.strip());
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchFailure(FetchFailure.Kind.INVALID_URL, "Only http and https URLs can be fetched, not '" + url + "'.");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new FetchFailure(FetchFailure.Kind.INVALID_URL, "The URL '" + url + "' has no host.");
            }
            if (uri.getUserInfo() != null) {
                throw new FetchFailure(FetchFailure.Kind.INVALID_URL, "URLs with credentials are not accepted.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchFailure(FetchFailure.Kind.INVALID_URL, "'" + url + "' is not a valid URL.", e);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** A resolution that produced only refused addresses. */
    static final class BlockedAddress extends UnknownHostException {
        BlockedAddress(String message) {
            super(message);
        }
    }

    /** Resolves names, then keeps only the addresses the policy permits; the connection uses exactly those. */
    private static final class GuardedResolver implements DnsResolver {
        private final NetworkPolicy policy;

        GuardedResolver(NetworkPolicy policy) {
            this.policy = policy;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            var all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            var permitted = Arrays.stream(all).filter(policy::permits).toArray(InetAddress[]::new);
            if (permitted.length == 0) {
                throw new BlockedAddress("The address of " + host + " (" + all[0].getHostAddress()
                        + ") is internal; an admin must allow its network before the hub fetches from it.");
            }
            return permitted;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
