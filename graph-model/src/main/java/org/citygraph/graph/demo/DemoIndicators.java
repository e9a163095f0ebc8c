package org.citygraph.graph.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.indicator.Dimensions;
import org.citygraph.graph.indicator.ObservationCell;
import org.citygraph.graph.indicator.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo city's indicators, generated deterministically (every value is a pure function of the
 * district, the time and the dimensions, so two hubs started on the same day hold the same numbers):
 * KT's hourly floating population by age band and sex for the last 90 days, BC Card's daily card
 * sales by industry for the last 90 days, and the health centre's daily COVID-19 cases from February
 * 2020 to August 2023, when daily reporting ended. Written in bulk {@code CREATE}s into a graph
 * without metrics, once.
 */
public final class DemoIndicators {

    public static final int DAYS = 90;
    public static final List<String> AGE_BANDS = List.of("10s", "20s", "30s", "40s", "50s", "60s", "70s+");
    public static final List<String> SEXES = List.of("F", "M");
    public static final List<String> INDUSTRIES = List.of("restaurant", "cafe", "grocery", "retail", "fuel", "medical",
            "lodging", "education");

    private static final Logger LOG = LoggerFactory.getLogger(DemoIndicators.class);

    private static final String HAS_METRICS = "MATCH (m:Metric) RETURN count(m) > 0 AS has";

    private static final String DISTRICTS = """
            MATCH (d:District) WHERE NOT EXISTS { MATCH (:District)-[:PART_OF]->(d) }
            RETURN d.id AS id, d.population AS population ORDER BY d.id""";

    private static final String METRIC = """
            MATCH (ds:Dataset {id: $datasetId})
            CREATE (m:Metric {id: $id, code: $code, createdAt: datetime()})
            SET m += $props
            CREATE (m)-[:MEASURED_IN]->(ds)""";

    private static final String CELLS = """
            UNWIND $cells AS c
            CREATE (:ObservationDay {key: c.key, metricId: c.metricId, districtId: c.districtId, dimKey: c.dimKey,
                                     dimNames: c.dimNames, dimValues: c.dimValues, day: c.day, values: c.values})""";

    private record District(String id, int index, long population) {
    }

    private DemoIndicators() {
    }

    /** Generates the demo indicators unless the graph already has metrics; {@code now} anchors the 90 days. */
    public static void loadIfEmpty(Graph graph, ZoneId zone, OffsetDateTime now) {
        if (graph.read(tx -> tx.run(HAS_METRICS).single().get("has").asBoolean())) {
            return;
        }
        long started = System.nanoTime();
        var districts = new ArrayList<District>();
        graph.read(tx -> tx.run(DISTRICTS).list()).forEach(r -> districts.add(
                new District(r.get("id").asString(), districts.size(), r.get("population").asLong(5000))));
        if (districts.isEmpty()) {
            return;
        }
        var local = now.atZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
        var today = local.toLocalDate();
        int cells = 0;
        // The hour in progress has no value yet; at midnight the last full day is yesterday.
        int hours = local.getHour();
        var lastDay = hours == 0 ? today.minusDays(1) : today;
        hours = hours == 0 ? 24 : hours;
        cells += floatingPopulation(graph, zone, districts, lastDay.minusDays(DAYS - 1), lastDay, hours);
        cells += cardSales(graph, zone, districts, today.minusDays(DAYS), today.minusDays(1));
        cells += covidCases(graph, zone, districts, LocalDate.of(2020, 2, 1), LocalDate.of(2023, 8, 31));
        LOG.info("Generated the demo indicators: 3 metrics, {} observation days, in {} ms", cells,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int floatingPopulation(Graph graph, ZoneId zone, List<District> districts, LocalDate first,
                                          LocalDate last, int lastDayHours) {
        var metricId = NodeType.METRIC.idFor("floating-population");
        var writer = new Writer(graph);
        var dimKeys = new ArrayList<String>();
        for (var age : AGE_BANDS) {
            for (var sex : SEXES) {
                dimKeys.add(Dimensions.key(Map.of("ageBand", age, "sex", sex)));
            }
        }
        for (var d : districts) {
            boolean downtown = d.population() > 20_000;
            for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
                int hours = day.equals(last) ? lastDayHours : 24;
                var total = new ObservationCell(metricId, d.id(), Dimensions.TOTAL, day, 24);
                for (int a = 0; a < AGE_BANDS.size(); a++) {
                    for (int s = 0; s < SEXES.size(); s++) {
                        var cell = new ObservationCell(metricId, d.id(), dimKeys.get(a * SEXES.size() + s), day, 24);
                        for (int h = 0; h < hours; h++) {
                            double share = ageShare(a, downtown) * (s == 0 ? 0.51 : 0.49);
                            double v = Math.round(d.population() * share * hourly(h, downtown) * weekly(day, downtown)
                                    * noise(1, d.index(), day.toEpochDay(), h, a * 2 + s));
                            cell.set(h, v);
                            total.set(h, Double.isNaN(total.values()[h]) ? v : total.values()[h] + v);
                        }
                        writer.add(cell);
                    }
                }
                writer.add(total);
            }
        }
        writer.flush();
        metric(graph, metricId, "floating-population", "dts_floating-population-hourly", "유동인구", "Floating population",
                "명", "KT 기지국 신호로 추정한 시간대별 체류 인구 (성·연령대별)", Resolution.HOUR, List.of("ageBand", "sex"),
                dimKeys, districts, first.atStartOfDay(zone).toOffsetDateTime(),
                last.atTime(lastDayHours - 1, 0).atZone(zone).toOffsetDateTime());
        return writer.written;
    }

    private static int cardSales(Graph graph, ZoneId zone, List<District> districts, LocalDate first, LocalDate last) {
        var metricId = NodeType.METRIC.idFor("card-sales");
        var writer = new Writer(graph);
        double[] perCapita = {9.0, 3.0, 11.0, 7.0, 6.0, 5.0, 1.5, 2.5};
        var dimKeys = INDUSTRIES.stream().map(i -> Dimensions.key(Map.of("industry", i))).toList();
        for (var d : districts) {
            boolean downtown = d.population() > 20_000;
            for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
                var total = new ObservationCell(metricId, d.id(), Dimensions.TOTAL, day, 1);
                double sum = 0;
                for (int i = 0; i < INDUSTRIES.size(); i++) {
                    var cell = new ObservationCell(metricId, d.id(), dimKeys.get(i), day, 1);
                    double v = Math.round(d.population() * perCapita[i] * (downtown ? 1.4 : 0.8) * weekly(day, downtown)
                            * noise(2, d.index(), day.toEpochDay(), 0, i));
                    cell.set(0, v);
                    sum += v;
                    writer.add(cell);
                }
                total.set(0, sum);
                writer.add(total);
            }
        }
        writer.flush();
        metric(graph, metricId, "card-sales", "dts_card-sales-daily", "카드 매출액", "Card sales", "천원",
                "BC카드 가맹점 매출 (업종별, 일별)", Resolution.DAY, List.of("industry"), dimKeys, districts,
                first.atStartOfDay(zone).toOffsetDateTime(), last.atStartOfDay(zone).toOffsetDateTime());
        return writer.written;
    }

    private static int covidCases(Graph graph, ZoneId zone, List<District> districts, LocalDate first, LocalDate last) {
        var metricId = NodeType.METRIC.idFor("covid19-cases");
        var writer = new Writer(graph);
        // Waves as (peak day, width in days, daily cases per 100,000 at the peak).
        double[][] waves = {
                {LocalDate.of(2020, 12, 20).toEpochDay(), 20, 3}, {LocalDate.of(2021, 7, 25).toEpochDay(), 25, 6},
                {LocalDate.of(2021, 12, 15).toEpochDay(), 20, 12}, {LocalDate.of(2022, 3, 15).toEpochDay(), 18, 700},
                {LocalDate.of(2022, 8, 15).toEpochDay(), 20, 250}, {LocalDate.of(2022, 12, 25).toEpochDay(), 25, 120},
                {LocalDate.of(2023, 7, 20).toEpochDay(), 40, 60}};
        long atcCluster = LocalDate.of(2021, 7, 12).toEpochDay();
        for (var d : districts) {
            for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
                long epoch = day.toEpochDay();
                double rate = 0.05;
                for (var w : waves) {
                    rate += w[2] * Math.exp(-Math.pow((epoch - w[0]) / w[1], 2));
                }
                double expected = d.population() * rate / 100_000 * noise(3, d.index(), epoch, 0, 0);
                // The army training centre's cluster in Yeonmu-eup, July 2021.
                if (d.id().equals("dst_yeonmu") && epoch >= atcCluster - 3 && epoch <= atcCluster + 10) {
                    expected += 12 * Math.exp(-Math.pow((epoch - atcCluster - 2) / 4.0, 2));
                }
                var cell = new ObservationCell(metricId, d.id(), Dimensions.TOTAL, day, 1);
                cell.set(0, Math.floor(expected + noise(4, d.index(), epoch, 0, 0) - 0.9));
                writer.add(cell);
            }
        }
        writer.flush();
        metric(graph, metricId, "covid19-cases", "dts_covid19-confirmed-daily", "코로나19 확진자", "COVID-19 cases", "명",
                "보건소 집계 일일 확진자 (주소지 읍면동 기준)", Resolution.DAY, List.of(), List.of(Dimensions.TOTAL), districts,
                first.atStartOfDay(zone).toOffsetDateTime(), last.atStartOfDay(zone).toOffsetDateTime());
        return writer.written;
    }

    private static void metric(Graph graph, String id, String code, String datasetId, String name, String nameEn, String unit,
                               String description, Resolution resolution, List<String> dimensions, List<String> dimKeys,
                               List<District> districts, OffsetDateTime earliest, OffsetDateTime latest) {
        var props = new HashMap<String, Object>();
        props.put("name", name);
        props.put("nameEn", nameEn);
        props.put("unit", unit);
        props.put("description", description);
        props.put("resolution", resolution.name());
        props.put("dimensions", dimensions);
        props.put("dimKeys", dimKeys);
        props.put("districtIds", districts.stream().map(District::id).toList());
        props.put("earliestAt", earliest);
        props.put("latestAt", latest);
        graph.write(tx -> tx.run(METRIC, Map.of("id", id, "code", code, "datasetId", datasetId, "props", props)).consume());
    }

    /** Age structure: rural districts are older than the two downtown dong. */
    private static double ageShare(int band, boolean downtown) {
        double[] rural = {0.07, 0.07, 0.08, 0.11, 0.17, 0.22, 0.28};
        double[] town = {0.11, 0.14, 0.14, 0.16, 0.17, 0.15, 0.13};
        return (downtown ? town : rural)[band];
    }

    /** The daily rhythm of people present, relative to the resident population. */
    private static double hourly(int hour, boolean downtown) {
        double night = 0.78;
        double day = downtown ? 1.25 : 0.92;
        double t = Math.max(0, Math.sin(Math.PI * (hour - 6) / 14.0));
        return hour < 6 || hour > 20 ? night : night + (day - night) * t;
    }

    private static double weekly(LocalDate day, boolean downtown) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> downtown ? 1.15 : 1.05;
            case SUNDAY -> downtown ? 0.95 : 1.08;
            default -> 1.0;
        };
    }

    /** A deterministic factor in [0.9, 1.1] from the coordinates of a value (SplitMix64 finalizer). */
    static double noise(long metric, long district, long day, long hour, long dims) {
        long z = metric * 0x9E3779B97F4A7C15L + district * 0xBF58476D1CE4E5B9L + day * 0x94D049BB133111EBL
                + hour * 0x2545F4914F6CDD1DL + dims * 0x5851F42D4C957F2DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return 0.9 + 0.2 * ((z >>> 11) / (double) (1L << 53));
    }

    /** Bulk CREATE in statements of a few thousand days. */
    private static final class Writer {
        private final Graph graph;
        private final List<ObservationCell> pending = new ArrayList<>();
        private int written;

        Writer(Graph graph) {
            this.graph = graph;
        }

        void add(ObservationCell cell) {
            pending.add(cell);
            if (pending.size() >= 5000) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            var rows = new ArrayList<Map<String, Object>>(pending.size());
            for (var cell : pending) {
                var map = new LinkedHashMap<String, Object>();
                var dims = Dimensions.parse(cell.dimKey());
                map.put("key", cell.key());
                map.put("metricId", cell.metricId());
                map.put("districtId", cell.districtId());
                map.put("dimKey", cell.dimKey());
                map.put("dimNames", new ArrayList<>(dims.keySet()));
                map.put("dimValues", new ArrayList<>(dims.values()));
                map.put("day", cell.day());
                map.put("values", cell.values());
                rows.add(map);
            }
            graph.write(tx -> tx.run(CELLS, Map.of("cells", rows)).consume());
            written += pending.size();
            pending.clear();
        }
    }
}
