package org.citygraph.feeds.fetch;

import java.io.IOException;
import java.util.List;

/**
 * Fetches a feed by URL: over HTTP(S) through the guarded {@link HttpFetcher}, or from the
 * classpath ({@code classpath:demo-feeds/...}) for the demo and tests, limited to known folders so
 * that a feed URL cannot read the application's own files.
 */
public final class FeedFetcher {

    public static final String CLASSPATH = "classpath:";

    private final HttpFetcher http;
    private final List<String> classpathFolders;

    public FeedFetcher(HttpFetcher http, List<String> classpathFolders) {
        this.http = http;
        this.classpathFolders = List.copyOf(classpathFolders);
    }

    public FetchResult fetch(String url, String etag, String lastModified) {
        if (url != null && url.startsWith(CLASSPATH)) {
            return classpath(url);
        }
        return http.get(url, etag, lastModified);
    }

    /** Checks a URL's form without fetching it. */
    public void validate(String url) {
        if (url != null && url.startsWith(CLASSPATH)) {
            resource(url);
            return;
        }
        HttpFetcher.parse(url);
    }

    private FetchResult classpath(String url) {
        var path = resource(url);
        try (var in = FeedFetcher.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new FetchFailure(FetchFailure.Kind.HTTP_STATUS, "No feed at " + url + ".");
            }
            return new FetchResult(url, false, in.readAllBytes(), null, null, null);
        } catch (IOException e) {
            throw new FetchFailure(FetchFailure.Kind.NETWORK, "Reading " + url + " failed.", e);
        }
    }

    private String resource(String url) {
        var path = url.substring(CLASSPATH.length());
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        var clean = path;
        if (clean.contains("..") || classpathFolders.stream().noneMatch(folder -> clean.startsWith(folder.endsWith("/") ? folder : folder + "/"))) {
            throw new FetchFailure(FetchFailure.Kind.INVALID_URL, "Classpath feeds must be under " + classpathFolders + ".");
        }
        return clean;
    }
}
