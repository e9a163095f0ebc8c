package org.citygraph.api.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Observation imports over the real upload endpoint and the indicator queries over real GraphQL,
 * checked against sums, means and extremes computed here from the rows the test wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorApiTest extends ApiTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A public daily dataset and a public hourly one of the demo catalog. */
    static final String HOURLY_DATASET = "dts_air-quality-hourly";
    static final String DAILY_DATASET = "dts_tapjeongho-visitors-daily";

    /** Districts by 10-digit code, 8-digit code and Korean name. */
    static final Map<String, String[]> DISTRICTS = new LinkedHashMap<>(Map.of(
            "dst_ganggyeong", new String[] {"4423025000", "44230250", "강경읍"},
            "dst_yeonmu", new String[] {"4423025300", "44230253", "연무읍"},
            "dst_chwiam", new String[] {"4423051000", "44230510", "취암동"}));
    static final List<String> AGES = List.of("20s", "60s");
    static final List<String> SEXES = List.of("F", "M");
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 10, 6);

    /** One generated observation. */
    record Row(String districtId, LocalDateTime time, String age, String sex, double value) {
    }

    String hourly;
    final List<Row> rows = new ArrayList<>();

    @BeforeAll
    void defineAndImport() {
        hourly = "test-people-" + UUID.randomUUID().toString().substring(0, 8);
        define(hourly, HOURLY_DATASET, "HOUR", List.of("ageBand", "sex"));
        var random = new Random(42);
        for (var district : DISTRICTS.keySet()) {
            for (int d = 0; d < 3; d++) {
                for (int h = 0; h < 24; h++) {
                    for (var age : AGES) {
                        for (var sex : SEXES) {
                            rows.add(new Row(district, FIRST_DAY.plusDays(d).atTime(h, 0), age, sex, 10 + random.nextInt(990)));
                        }
                    }
                }
            }
        }
        var csv = csv(rows, 0, "", List.of());
        var report = upload(HOURLY_DATASET, csv.getBytes(StandardCharsets.UTF_8), mapping(hourly, "CODE", null), token(Viewer.Role.STAFF));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(read(report.body()).path("outcome").asText()).isEqualTo("COMPLETED");
    }

    // ------------------------------------------------------------------ aggregation

    @Test
    void hourlySumOverAllDistrictsMatchesTheRows() {
        var expected = new TreeMap<LocalDateTime, Double>();
        rows.forEach(r -> expected.merge(r.time(), r.value(), Double::sum));
        var result = series(Map.of("bucket", "HOUR", "aggregate", "SUM"), FIRST_DAY, FIRST_DAY.plusDays(3));
        var points = result.path("series").get(0).path("points");
        assertThat(points.size()).isEqualTo(72);
        int i = 0;
        for (var entry : expected.entrySet()) {
            assertThat(java.time.OffsetDateTime.parse(points.get(i).path("at").asText()).toInstant())
                    .isEqualTo(entry.getKey().atZone(SEOUL).toInstant());
            assertThat(points.get(i).path("value").asDouble()).isEqualTo(entry.getValue());
            i++;
        }
    }

    @Test
    void dailyMeanPerDistrictAveragesTheHoursOfThePeopleOfAllAges() {
        // Per district and hour, the people of all ages and sexes; then the mean of those hours per day.
        var perHour = new HashMap<String, Double>();
        rows.forEach(r -> perHour.merge(r.districtId() + "|" + r.time(), r.value(), Double::sum));
        var result = series(Map.of("bucket", "DAY", "aggregate", "AVG", "groupBy", List.of("district")), FIRST_DAY, FIRST_DAY.plusDays(3));
        assertThat(result.path("series").size()).isEqualTo(3);
        for (var s : result.path("series")) {
            var district = s.path("district").path("id").asText();
            for (int d = 0; d < 3; d++) {
                double sum = 0;
                for (int h = 0; h < 24; h++) {
                    sum += perHour.get(district + "|" + FIRST_DAY.plusDays(d).atTime(h, 0));
                }
                assertThat(s.path("points").get(d).path("value").asDouble()).isCloseTo(sum / 24, within(1e-6));
                assertThat(s.path("points").get(d).path("cells").asInt()).isEqualTo(24);
            }
        }
    }

    @Test
    void dimensionFilterAndGroupingWithMaximum() {
        // Women only, per age band: the highest hourly value of any district on the first day.
        var expected = new HashMap<String, Double>();
        rows.stream().filter(r -> r.sex().equals("F") && r.time().toLocalDate().equals(FIRST_DAY))
                .forEach(r -> expected.merge(r.age(), r.value(), Math::max));
        var result = series(Map.of("bucket", "DAY", "aggregate", "MAX", "groupBy", List.of("ageBand"),
                "dimensions", List.of(Map.of("name", "sex", "values", List.of("F")))), FIRST_DAY, FIRST_DAY.plusDays(1));
        assertThat(result.path("series").size()).isEqualTo(2);
        for (var s : result.path("series")) {
            var age = s.path("dimensions").get(0).path("value").asText();
            assertThat(s.path("dimensions").get(0).path("name").asText()).isEqualTo("ageBand");
            assertThat(s.path("points").get(0).path("value").asDouble()).isEqualTo(expected.get(age));
        }
    }

    @Test
    void theCityStandsForItsDistrictsAndAPartialDayCountsOnlyItsHours() {
        // From 2025-10-06 22:00 to 2025-10-07 02:00 (excluded): four hours.
        var from = FIRST_DAY.atTime(22, 0).atZone(SEOUL).toOffsetDateTime();
        var to = FIRST_DAY.plusDays(1).atTime(2, 0).atZone(SEOUL).toOffsetDateTime();
        double expected = rows.stream().filter(r -> !r.time().isBefore(from.toLocalDateTime()) && r.time().isBefore(to.toLocalDateTime()))
                .mapToDouble(Row::value).sum();
        var result = tree(as(Viewer.Role.STAFF).document("""
                query($m: String!, $from: DateTime, $to: DateTime) {
                  indicators(metric: $m, districtIds: ["dst_nonsan"], from: $from, to: $to, bucket: PERIOD) {
                    series { points { value cells } } } }""")
                .variable("m", hourly).variable("from", from.toString()).variable("to", to.toString())
                .execute().path("indicators"));
        assertThat(result.path("series").get(0).path("points").get(0).path("value").asDouble()).isEqualTo(expected);
        assertThat(result.path("series").get(0).path("points").get(0).path("cells").asInt()).isEqualTo(4 * 3);
    }

    @Test
    void rankingAndComparisonAgainstThePreviousPeriodAndTheCityAverage() {
        var total = new HashMap<String, Double>();
        rows.stream().filter(r -> !r.time().toLocalDate().isBefore(FIRST_DAY.plusDays(2)))
                .forEach(r -> total.merge(r.districtId(), r.value(), Double::sum));
        double previous = rows.stream().filter(r -> r.time().toLocalDate().equals(FIRST_DAY.plusDays(1))
                && r.districtId().equals("dst_yeonmu")).mapToDouble(Row::value).sum();
        double average = total.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        var from = FIRST_DAY.plusDays(2).atStartOfDay(SEOUL).toOffsetDateTime().toString();
        var to = FIRST_DAY.plusDays(3).atStartOfDay(SEOUL).toOffsetDateTime().toString();
        var answer = as(Viewer.Role.STAFF).document("""
                query($m: String!, $from: DateTime, $to: DateTime) {
                  indicatorRanking(metric: $m, from: $from, to: $to, first: 2) { cityAverage entries { rank value ratioToCityAverage district { id } } }
                  indicatorComparison(metric: $m, districtIds: ["dst_yeonmu"], from: $from, to: $to) {
                    current previous change changeRatio cityAverage ratioToCityAverage } }""")
                .variable("m", hourly).variable("from", from).variable("to", to).execute();
        var ranking = tree(answer.path("indicatorRanking"));
        var top = total.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).toList();
        assertThat(ranking.path("cityAverage").asDouble()).isCloseTo(average, within(1e-6));
        assertThat(ranking.path("entries").size()).isEqualTo(2);
        assertThat(ranking.path("entries").get(0).path("district").path("id").asText()).isEqualTo(top.get(0).getKey());
        assertThat(ranking.path("entries").get(1).path("value").asDouble()).isEqualTo(top.get(1).getValue());
        var comparison = tree(answer.path("indicatorComparison"));
        assertThat(comparison.path("current").asDouble()).isEqualTo(total.get("dst_yeonmu"));
        assertThat(comparison.path("previous").asDouble()).isEqualTo(previous);
        assertThat(comparison.path("changeRatio").asDouble()).isCloseTo(total.get("dst_yeonmu") / previous - 1, within(1e-9));
        assertThat(comparison.path("ratioToCityAverage").asDouble()).isCloseTo(total.get("dst_yeonmu") / average, within(1e-9));
    }

    @Test
    void unknownGroupsAndMetricsAreRefusedWithTheirField() {
        var errors = anonymous().document("{ indicators(metric: \"no-such-metric\") { from } }").execute()
                .errors().satisfy(list -> assertThat(list).hasSize(1));
        assertThat(errors).isNotNull();
        as(Viewer.Role.STAFF).document("query($m: String!) { indicators(metric: $m, groupBy: [\"colour\"]) { from } }")
                .variable("m", hourly).execute().errors()
                .satisfy(list -> assertThat(list.get(0).getExtensions().toString()).contains("UNKNOWN_GROUP"));
    }

    // ------------------------------------------------------------------ import edge cases

    @Test
    void cp949FileByDistrictNameGivesTheSameNumbersAsUtf8() {
        var code = "test-cp949-" + UUID.randomUUID().toString().substring(0, 8);
        define(code, HOURLY_DATASET, "HOUR", List.of("ageBand", "sex"));
        var csv = csv(rows, 2, "", List.of());
        var bytes = csv.getBytes(Charset.forName("x-windows-949"));
        // AUTO recognizes that these bytes are not UTF-8.
        var report = upload(HOURLY_DATASET, bytes, mapping(code, "NAME", "AUTO"), token(Viewer.Role.STAFF));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(read(report.body()).path("rowsImported").asLong()).isEqualTo(rows.size());
        var utf8 = series(Map.of("bucket", "DAY"), FIRST_DAY, FIRST_DAY.plusDays(3));
        var cp949 = series(code, Map.of("bucket", "DAY"), FIRST_DAY, FIRST_DAY.plusDays(3));
        assertThat(cp949.path("series")).isEqualTo(utf8.path("series"));
    }

    @Test
    void badRowsAreSkippedAndReportedByLineAndTooManyRefuseTheWholeFile() {
        var code = "test-bad-" + UUID.randomUUID().toString().substring(0, 8);
        define(code, HOURLY_DATASET, "HOUR", List.of("ageBand", "sex"));
        var few = rows.subList(0, 8);
        var csv = csv(few, 0, "4423099900,2025-10-06 01:00,20s,F,5\n"   // line 10: unknown district
                + "4423025000,2025-10-06 25:00,20s,F,5\n"                // line 11: bad time
                + "4423025000,2025-10-06 02:00,20s,F,열둘\n"              // line 12: bad value
                + "4423000000,2025-10-06 02:00,20s,F,7\n", List.of());   // line 13: the city itself
        var tooMany = upload(HOURLY_DATASET, csv.getBytes(StandardCharsets.UTF_8), mapping(code, "CODE", "UTF-8", 3L), token(Viewer.Role.STAFF));
        assertThat(tooMany.statusCode()).isEqualTo(422);
        var refused = read(tooMany.body());
        assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("errors").get(0).path("code").asText()).isEqualTo("TOO_MANY_BAD_ROWS");
        assertThat(count("MATCH (o:ObservationDay {metricId: $id}) RETURN count(o)", Map.of("id", "mtr_" + code))).isZero();

        var accepted = upload(HOURLY_DATASET, csv.getBytes(StandardCharsets.UTF_8), mapping(code, "CODE", "UTF-8", null), token(Viewer.Role.STAFF));
        assertThat(accepted.statusCode()).isEqualTo(200);
        var report = read(accepted.body());
        assertThat(report.path("rowsImported").asLong()).isEqualTo(8);
        assertThat(report.path("badRows").asLong()).isEqualTo(4);
        var lines = new ArrayList<String>();
        report.path("errors").forEach(e -> lines.add(e.path("line").asText() + " " + e.path("code").asText()));
        assertThat(lines).containsExactly("10 UNKNOWN_DISTRICT", "11 BAD_TIME", "12 BAD_VALUE", "13 AGGREGATE_DISTRICT");
        double expected = few.stream().mapToDouble(Row::value).sum();
        var total = series(code, Map.of("bucket", "PERIOD"), FIRST_DAY, FIRST_DAY.plusDays(1));
        assertThat(total.path("series").get(0).path("points").get(0).path("value").asDouble()).isEqualTo(expected);
    }

    @Test
    void theSameFileTwiceChangesNothingAndAValueGivenAgainReplacesTheOldOne() {
        var code = "test-twice-" + UUID.randomUUID().toString().substring(0, 8);
        define(code, DAILY_DATASET, "DAY", List.of());
        var file = "구역,날짜,방문객\n강경읍,2025-10-06,100\n강경읍,2025-10-07,120\n";
        var mapping = Map.<String, Object>of("values", Map.of(code, "방문객"), "district", Map.of("column", "구역", "by", "NAME"),
                "time", Map.of("column", "날짜"));
        var first = read(upload(DAILY_DATASET, file.getBytes(StandardCharsets.UTF_8), mapping, token(Viewer.Role.STAFF)).body());
        assertThat(first.path("outcome").asText()).isEqualTo("COMPLETED");
        long imports = count("MATCH (i:ObservationImport) RETURN count(i)", Map.of());
        long events = org.citygraph.graph.event.Outbox.latest(graph);
        var again = read(upload(DAILY_DATASET, file.getBytes(StandardCharsets.UTF_8), mapping, token(Viewer.Role.STAFF)).body());
        assertThat(again.path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(again.path("importId").asText()).isEqualTo(first.path("importId").asText());
        assertThat(count("MATCH (i:ObservationImport) RETURN count(i)", Map.of())).isEqualTo(imports);
        assertThat(org.citygraph.graph.event.Outbox.latest(graph)).isEqualTo(events);
        // A corrected file: the value of the 7th is replaced, not added to.
        var corrected = "구역,날짜,방문객\n강경읍,2025-10-07,130\n";
        upload(DAILY_DATASET, corrected.getBytes(StandardCharsets.UTF_8), mapping, token(Viewer.Role.STAFF));
        var total = series(code, Map.of("bucket", "PERIOD"), FIRST_DAY, FIRST_DAY.plusDays(2));
        assertThat(total.path("series").get(0).path("points").get(0).path("value").asDouble()).isEqualTo(230.0);
    }

    @Test
    void onlyStaffMayUploadOrDefineMetrics() {
        var body = "a,b\n".getBytes(StandardCharsets.UTF_8);
        var mapping = mapping(hourly, "CODE", null);
        assertThat(upload(HOURLY_DATASET, body, mapping, null).statusCode()).isEqualTo(401);
        assertThat(upload(HOURLY_DATASET, body, mapping, token(Viewer.Role.PARTNER)).statusCode()).isEqualTo(403);
        as(Viewer.Role.PARTNER).document("""
                mutation { defineMetric(input: {datasetId: "dts_air-quality-hourly", code: "partner-metric", name: "x"}) { metric { id } } }""")
                .execute().errors().satisfy(list -> assertThat(list.get(0).getExtensions().get("code")).isEqualTo("FORBIDDEN"));
        var missingColumn = upload(HOURLY_DATASET, body, mapping, token(Viewer.Role.STAFF));
        assertThat(missingColumn.statusCode()).isEqualTo(422);
        assertThat(read(missingColumn.body()).path("errors").get(0).path("code").asText()).isEqualTo("MISSING_COLUMN");
    }

    @Test
    void freshnessComparesTheLatestObservationWithTheUpdateFrequency() {
        var code = "test-fresh-" + UUID.randomUUID().toString().substring(0, 8);
        define(code, DAILY_DATASET, "DAY", List.of());
        var yesterday = LocalDate.now(SEOUL).minusDays(1);
        var file = "code,day,visitors\n4423025000," + yesterday + ",10\n";
        upload(DAILY_DATASET, file.getBytes(StandardCharsets.UTF_8), Map.<String, Object>of("values", Map.of(code, "visitors"),
                "district", Map.of("column", "code", "by", "CODE"), "time", Map.of("column", "day")), token(Viewer.Role.STAFF));
        var answer = anonymous().document("""
                { fresh: dataset(id: "dts_tapjeongho-visitors-daily") { freshness { stale latestObservationAt expectedEverySeconds } }
                  old: dataset(id: "dts_air-quality-hourly") { freshness { stale latestObservationAt } }
                  none: dataset(id: "dts_bus-routes") { freshness { stale } } }""").execute();
        var fresh = tree(answer.path("fresh.freshness"));
        assertThat(fresh.path("stale").asBoolean()).isFalse();
        assertThat(fresh.path("expectedEverySeconds").asLong()).isEqualTo(86_400);
        // The hourly dataset's latest observation is from October 2025: more than two hours old.
        assertThat(answer.path("old.freshness.stale").entity(Boolean.class).get()).isTrue();
        answer.path("none.freshness").valueIsNull();
    }

    @Test
    void anIssueShowsTheIndicatorsOfItsDistrictsAroundItsDates() {
        // The salted-seafood festival in Ganggyeong-eup: opened 2025-09-01, resolved 2025-10-20.
        double expected = rows.stream().filter(r -> r.districtId().equals("dst_ganggyeong")).mapToDouble(Row::value).sum();
        var issue = tree(anonymous().document("""
                query($m: String!) { issue(id: "iss_jeotgal-festival") {
                  indicators(metrics: [$m]) { metric { code } bucket from series { points { value } } } } }""")
                .variable("m", hourly).execute().path("issue"));
        var indicators = issue.path("indicators");
        assertThat(indicators.size()).isEqualTo(1);
        // Clipped to the three days the metric has, the span is short enough for hours.
        assertThat(indicators.get(0).path("bucket").asText()).isEqualTo("HOUR");
        double sum = 0;
        for (var p : indicators.get(0).path("series").get(0).path("points")) {
            sum += p.path("value").asDouble();
        }
        assertThat(sum).isEqualTo(expected);
    }

    @Test
    void subscribersHearOfNewObservationsTheyMayRead() throws Exception {
        var code = "test-live-" + UUID.randomUUID().toString().substring(0, 8);
        define(code, DAILY_DATASET, "DAY", List.of());
        long start = org.citygraph.graph.event.Outbox.latest(graph);
        var client = org.springframework.graphql.client.WebSocketGraphQlClient.builder(
                URI.create("ws://127.0.0.1:" + port + "/graphql"),
                new org.springframework.web.reactive.socket.client.StandardWebSocketClient()).build();
        var queue = new java.util.concurrent.LinkedBlockingQueue<Map<String, Object>>();
        var subscription = client.document("""
                subscription($f: IndicatorEventFilter, $after: Long) {
                  indicatorUpdated(filter: $f, after: $after) { seq metric { code } districts { id } from to importId } }""")
                .variable("f", Map.of("districtIds", List.of("dst_nonsan"), "metrics", List.of(code))).variable("after", start)
                .executeSubscription()
                .subscribe(r -> {
                    Map<String, Object> event = r.field("indicatorUpdated").toEntity(Map.class);
                    queue.add(event);
                }, e -> queue.add(Map.of("error", String.valueOf(e.getMessage()))));
        try {
            var file = "구역,날짜,방문객\n연무읍,2025-10-06,5\n연무읍,2025-10-09,6\n";
            var report = read(upload(DAILY_DATASET, file.getBytes(StandardCharsets.UTF_8), Map.<String, Object>of(
                    "values", Map.of(code, "방문객"), "district", Map.of("column", "구역", "by", "NAME"),
                    "time", Map.of("column", "날짜")), token(Viewer.Role.STAFF)).body());
            var event = queue.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull().doesNotContainKey("error");
            assertThat(event.get("importId")).isEqualTo(report.path("importId").asText());
            assertThat(event.get("districts")).isEqualTo(List.of(Map.of("id", "dst_yeonmu")));
            assertThat(java.time.OffsetDateTime.parse((String) event.get("to")).toInstant())
                    .isEqualTo(LocalDate.of(2025, 10, 9).atStartOfDay(SEOUL).toInstant());
        } finally {
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));
        }
    }

    // ------------------------------------------------------------------ helpers

    static JsonNode tree(org.springframework.graphql.test.tester.GraphQlTester.Path path) {
        return JSON.valueToTree(path.entity(Object.class).get());
    }

    void define(String code, String datasetId, String resolution, List<String> dimensions) {
        as(Viewer.Role.STAFF).document("""
                mutation($i: DefineMetricInput!) { defineMetric(input: $i) { metric { id code } errors { code message } } }""")
                .variable("i", Map.of("datasetId", datasetId, "code", code, "name", "시험 " + code, "unit", "명",
                        "resolution", resolution, "dimensions", dimensions))
                .execute().path("defineMetric.errors").entityList(Object.class).hasSize(0);
    }

    JsonNode series(Map<String, Object> args, LocalDate from, LocalDate to) {
        return series(hourly, args, from, to);
    }

    JsonNode series(String code, Map<String, Object> args, LocalDate from, LocalDate to) {
        var variables = new HashMap<String, Object>(args);
        variables.put("metric", code);
        variables.put("from", from.atStartOfDay(SEOUL).toOffsetDateTime().toString());
        variables.put("to", to.atStartOfDay(SEOUL).toOffsetDateTime().toString());
        var request = as(Viewer.Role.STAFF).document("""
                query($metric: String!, $from: DateTime, $to: DateTime, $bucket: IndicatorBucket, $aggregate: IndicatorAggregate,
                      $groupBy: [String!], $dimensions: [DimensionFilter!]) {
                  indicators(metric: $metric, from: $from, to: $to, bucket: $bucket, aggregate: $aggregate, groupBy: $groupBy,
                             dimensions: $dimensions) {
                    series { district { id } dimensions { name value } points { at value cells } } } }""")
                ;
        for (var entry : variables.entrySet()) {
            request = request.variable(entry.getKey(), entry.getValue());
        }
        return tree(request.execute().path("indicators"));
    }

    /** Rows as CSV with Korean headers; {@code districtForm} 0 = 10-digit code, 1 = 8-digit code, 2 = name. */
    static String csv(List<Row> rows, int districtForm, String extraLines, List<String> unused) {
        var out = new StringBuilder("행정동,기준일시,연령대,성별,유동인구수\n");
        for (var r : rows) {
            out.append(DISTRICTS.get(r.districtId())[districtForm]).append(',')
                    .append(r.time().toLocalDate()).append(' ').append(String.format("%02d:00", r.time().getHour())).append(',')
                    .append(r.age()).append(',').append(r.sex()).append(',').append((long) r.value()).append('\n');
        }
        return out.append(extraLines).toString();
    }

    static Map<String, Object> mapping(String code, String by, String encoding) {
        return mapping(code, by, encoding, null);
    }

    static Map<String, Object> mapping(String code, String by, String encoding, Long maxBadRows) {
        var map = new HashMap<String, Object>();
        map.put("values", Map.of(code, "유동인구수"));
        map.put("district", Map.of("column", "행정동", "by", by));
        map.put("time", Map.of("column", "기준일시"));
        map.put("dimensions", Map.of("ageBand", "연령대", "sex", "성별"));
        if (encoding != null) {
            map.put("encoding", encoding);
        }
        if (maxBadRows != null) {
            map.put("maxBadRows", maxBadRows);
        }
        return map;
    }

    /** POSTs a multipart upload as a client would: a file part and a JSON mapping part. */
    HttpResponse<String> upload(String datasetId, byte[] file, Map<String, Object> mapping, String token) {
        try {
            var boundary = "----citygraph" + UUID.randomUUID();
            var body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                    + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(JSON.writeValueAsBytes(mapping));
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/datasets/" + datasetId + "/observations"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
