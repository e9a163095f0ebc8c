package org.citygraph.feeds.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The canonical form of an article link, so that the same story reached through a newsletter, a
 * social network or a feed is recognized as one: relative links resolved against their base,
 * scheme and host in lower case, the default port and the fragment dropped, and tracking
 * parameters (utm_*, fbclid, gclid, ...) removed.
 */
public final class LinkCanonicalizer {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "ncid", "rss", "feed");

    private LinkCanonicalizer() {
    }

    /** The canonical absolute link, or {@code null} when there is none or it is not http(s). */
    public static String canonical(String link, String base) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            var uri = new URI(link.strip().replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null && !base.startsWith("classpath:")) {
                uri = new URI(base.strip()).resolve(uri);
            }
            var scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort();
            if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
                port = -1;
            }
            var query = stripTracking(uri.getRawQuery());
            var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port) + path
                    + (query == null ? "" : "?" + query);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripTracking(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        var kept = new StringJoiner("&");
        for (var pair : query.split("&")) {
            var name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }
}
