package org.citygraph.api.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A file larger than the importing JVM's whole heap is streamed through it: the import runs in a
 * child JVM with a 32 MB heap on a 40 MB file, and its totals are checked over GraphQL.
 */
class LargeFileImportTest extends ApiTest {

    static final long HEAP = 32L * 1024 * 1024;
    static final List<String> DISTRICTS = List.of("4423025000", "4423025300", "4423031000", "4423032000", "4423033000",
            "4423034000", "4423035000", "4423036000", "4423038000", "4423039000", "4423040000", "4423041000",
            "4423042000", "4423051000", "4423052000");

    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheHeapIsStreamed() throws Exception {
        var code = "test-large-" + UUID.randomUUID().toString().substring(0, 8);
        as(Viewer.Role.STAFF).document("""
                mutation($i: DefineMetricInput!) { defineMetric(input: $i) { errors { code } } }""")
                .variable("i", Map.of("datasetId", "dts_air-quality-hourly", "code", code, "name", "큰 파일", "resolution", "HOUR",
                        "dimensions", List.of("ageBand", "sex")))
                .execute().path("defineMetric.errors").entityList(Object.class).hasSize(0);
        var file = dir.resolve("large.csv");
        long rows = 0;
        double sum = 0;
        var first = LocalDate.of(2024, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("adm_cd,ts,age,sex,pop\n");
            outer:
            for (var district : DISTRICTS) {
                for (var age : List.of("10s", "20s", "30s", "40s", "50s", "60s", "70s+")) {
                    for (var sex : List.of("F", "M")) {
                        for (int d = 0; d < 366; d++) {
                            var day = first.plusDays(d).toString();
                            for (int h = 0; h < 24; h++) {
                                int value = (int) ((rows * 7919) % 1000);
                                out.write(district + "," + day + (h < 10 ? " 0" : " ") + h + ":00," + age + "," + sex + "," + value + "\n");
                                sum += value;
                                rows++;
                            }
                            if (Files.size(file) > HEAP * 5 / 4 && d == 365) {
                                break outer;
                            }
                        }
                    }
                }
            }
        }
        assertThat(Files.size(file)).isGreaterThan(HEAP);

        var mapping = JSON.writeValueAsString(Map.of("values", Map.of(code, "pop"), "district", Map.of("column", "adm_cd", "by", "CODE"),
                "time", Map.of("column", "ts"), "dimensions", Map.of("ageBand", "age", "sex", "sex")));
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (HEAP / 1024 / 1024) + "m", "-cp", System.getProperty("java.class.path"),
                LargeImportMain.class.getName(), TestGraph.boltUri(), TestGraph.password(), "dts_air-quality-hourly",
                mapping, file.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        var reportLine = output.lines().filter(l -> l.startsWith("REPORT ")).findFirst().orElseThrow(() -> new AssertionError(output));
        JsonNode report = read(reportLine.substring("REPORT ".length()));
        assertThat(report.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("rowsImported").asLong()).isEqualTo(rows);
        var heapLine = output.lines().filter(l -> l.startsWith("HEAP ")).findFirst().orElseThrow();
        assertThat(Long.parseLong(heapLine.substring(5))).isLessThan(Files.size(file));

        var zone = ZoneId.of("Asia/Seoul");
        var total = as(Viewer.Role.STAFF).document("""
                query($m: String!, $from: DateTime, $to: DateTime) {
                  indicators(metric: $m, from: $from, to: $to, bucket: PERIOD) { series { points { value cells } } } }""")
                .variable("m", code).variable("from", first.atStartOfDay(zone).toOffsetDateTime().toString())
                .variable("to", first.plusDays(366).atStartOfDay(zone).toOffsetDateTime().toString())
                .execute().path("indicators.series[0].points[0].value").entity(Double.class).get();
        assertThat(total).isEqualTo(sum);
    }
}
