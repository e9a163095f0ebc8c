package org.citygraph.graph.indicator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one observation day being written: metric, district, dimension combination and
 * local day, with a slot array in which {@code NaN} means "not in this write" (the stored value stays).
 */
public final class ObservationCell {

    private final String metricId;
    private final String districtId;
    private final String dimKey;
    private final LocalDate day;
    private final double[] values;

    public ObservationCell(String metricId, String districtId, String dimKey, LocalDate day, int slots) {
        this.metricId = metricId;
        this.districtId = districtId;
        this.dimKey = dimKey;
        this.day = day;
        this.values = new double[slots];
        Arrays.fill(values, Double.NaN);
    }

    public static String key(String metricId, String districtId, String dimKey, LocalDate day) {
        return metricId + '|' + districtId + '|' + dimKey + '|' + day;
    }

    public String key() {
        return key(metricId, districtId, dimKey, day);
    }

    public void set(int slot, double value) {
        values[slot] = value;
    }

    public String metricId() {
        return metricId;
    }

    public String districtId() {
        return districtId;
    }

    public String dimKey() {
        return dimKey;
    }

    public LocalDate day() {
        return day;
    }

    public double[] values() {
        return values;
    }

    Map<String, Object> asParameter() {
        var map = new HashMap<String, Object>();
        map.put("key", key());
        map.put("metricId", metricId);
        map.put("districtId", districtId);
        map.put("dimKey", dimKey);
        var dims = Dimensions.parse(dimKey);
        map.put("dimNames", new ArrayList<>(dims.keySet()));
        map.put("dimValues", new ArrayList<>(dims.values()));
        map.put("day", day);
        var list = new ArrayList<Double>(values.length);
        for (double v : values) {
            list.add(v);
        }
        map.put("values", list);
        return map;
    }

    static List<Map<String, Object>> parameters(Iterable<ObservationCell> cells) {
        var list = new ArrayList<Map<String, Object>>();
        cells.forEach(c -> list.add(c.asParameter()));
        return list;
    }
}
