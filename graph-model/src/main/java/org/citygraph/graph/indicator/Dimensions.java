package org.citygraph.graph.indicator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical keys of dimension combinations: names sorted, {@code name=value} joined by {@code ;}
 * ({@code ageBand=20s;sex=F}). The empty key is the total over all combinations.
 */
public final class Dimensions {

    public static final String TOTAL = "";

    private Dimensions() {
    }

    public static String key(Map<String, String> values) {
        if (values.isEmpty()) {
            return TOTAL;
        }
        var sorted = new TreeMap<>(values);
        var key = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (!key.isEmpty()) {
                key.append(';');
            }
            key.append(name).append('=').append(value);
        });
        return key.toString();
    }

    public static Map<String, String> parse(String key) {
        var map = new LinkedHashMap<String, String>();
        if (key == null || key.isEmpty()) {
            return map;
        }
        for (var part : key.split(";")) {
            int eq = part.indexOf('=');
            map.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return map;
    }

    /** The part of a key that a grouping keeps: {@code sex=F} of {@code ageBand=20s;sex=F} grouped by sex. */
    public static String project(String key, List<String> names) {
        if (names.isEmpty()) {
            return TOTAL;
        }
        var all = parse(key);
        var kept = new LinkedHashMap<String, String>();
        for (var name : names) {
            kept.put(name, all.get(name));
        }
        return key(kept);
    }

    /** Whether a key matches a filter: for each filtered name, its value is one of the allowed values. */
    public static boolean matches(String key, Map<String, List<String>> filter) {
        var values = parse(key);
        for (var entry : filter.entrySet()) {
            if (!entry.getValue().contains(values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static List<String> names(String key) {
        return new ArrayList<>(parse(key).keySet());
    }
}
