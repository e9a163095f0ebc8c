package org.citygraph.graph;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of node that have a public id. A public id is a short type prefix, an underscore and a
 * key ({@code iss_covid19-response}, {@code dst_ganggyeong}); the prefix tells {@code node(id)} where
 * to look. Neo4j's internal ids never leave the graph model.
 */
public enum NodeType {
    DISTRICT("District", "dst"),
    AGENCY("Agency", "agc"),
    ISSUE("Issue", "iss"),
    NEWS_ITEM("NewsItem", "nws"),
    DATASET("Dataset", "dts"),
    FEED("Feed", "fed"),
    USER("User", "usr"),
    API_KEY("ApiKey", "key"),
    WEBHOOK("Webhook", "whk"),
    COMPLAINT("Complaint", "cmp"),
    COMMENT("Comment", "cmt"),
    METRIC("Metric", "mtr"),
    OBSERVATION_IMPORT("ObservationImport", "imp"),
    BRIEFING("Briefing", "brf");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final String label;
    private final String prefix;

    NodeType(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    public String label() {
        return label;
    }

    public String prefix() {
        return prefix;
    }

    /** A new random id: 16 characters of Crockford base32 after the prefix (80 bits). */
    public String newId() {
        var chars = new char[16];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(chars);
    }

    /** The id for a readable key, as the demo data uses ({@code ganggyeong} becomes {@code dst_ganggyeong}). */
    public String idFor(String key) {
        return prefix + "_" + key;
    }

    public static Optional<NodeType> ofId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int split = id.indexOf('_');
        if (split < 1) {
            return Optional.empty();
        }
        var prefix = id.substring(0, split);
        return Arrays.stream(values()).filter(t -> t.prefix.equals(prefix)).findFirst();
    }
}
