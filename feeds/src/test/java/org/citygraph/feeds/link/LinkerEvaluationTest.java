package org.citygraph.feeds.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.citygraph.graph.NodeType;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.district.District;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The acceptance test of the news linker: micro precision, recall and F1 on the labeled set of real
 * Korean news excerpts ({@code linker/labeled-news.jsonl}), for districts and for agencies separately,
 * against a baseline that matches full official names as plain substrings. Writes the table to
 * {@code target/linker-evaluation.md}.
 */
class LinkerEvaluationTest {

    private static final String GOLD = "/linker/labeled-news.jsonl";
    private static final Path REPORT = Path.of("target", "linker-evaluation.md");

    /** One labeled excerpt. */
    record Excerpt(String id, String text, Set<String> districts, Set<String> agencies, Set<String> subUnitDistricts,
                   String note) {
    }

    /** Micro counts over the whole set. */
    static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        void add(Set<String> predicted, Set<String> gold) {
            for (var key : predicted) {
                if (gold.contains(key)) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
            for (var key : gold) {
                if (!predicted.contains(key)) {
                    falseNegatives++;
                }
            }
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String row(String system, String what) {
            return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %d | %d | %d |", system, what, precision(),
                    recall(), f1(), truePositives, falsePositives, falseNegatives);
        }
    }

    /** The keys a system predicts for one excerpt. */
    record Prediction(Set<String> districts, Set<String> agencies) {
    }

    private static List<Excerpt> gold;
    private static Linker linker;

    @BeforeAll
    static void load() throws IOException {
        gold = readGold();
        linker = new Linker(DemoGazetteer.gazetteer());
    }

    @Test
    void theGoldSetIsWhatItsReadmeSays() {
        assertThat(gold).hasSize(354);
        assertThat(gold.stream().mapToInt(e -> e.districts().size()).sum()).isEqualTo(314);
        assertThat(gold.stream().mapToInt(e -> e.agencies().size()).sum()).isEqualTo(202);
        assertThat(gold.stream().mapToInt(e -> e.subUnitDistricts().size()).sum()).isEqualTo(7);
    }

    @Test
    void linkerBeatsTheBaselineAndReachesTheTarget() throws IOException {
        var districts = DemoGazetteer.districts();
        var agencies = DemoGazetteer.agencies();
        Function<String, Prediction> baseline = text -> baseline(text, districts, agencies, false);
        Function<String, Prediction> aliases = text -> baseline(text, districts, agencies, true);
        Function<String, Prediction> linked = LinkerEvaluationTest::link;

        var table = new ArrayList<String>();
        table.add("| system | labels | precision | recall | F1 | TP | FP | FN |");
        table.add("|---|---|---|---|---|---|---|---|");
        Score[] base = evaluate(baseline, false);
        Score[] alias = evaluate(aliases, false);
        Score[] full = evaluate(linked, false);
        Score[] names = evaluate(linked, true);
        Score[] baseNames = evaluate(baseline, true);
        table.add(base[0].row("baseline: full official names", "districts"));
        table.add(base[1].row("baseline: full official names", "agencies"));
        table.add(alias[0].row("substring: names, short names, aliases", "districts"));
        table.add(alias[1].row("substring: names, short names, aliases", "agencies"));
        table.add(full[0].row("**linker**", "**districts**"));
        table.add(full[1].row("**linker**", "**agencies**"));
        table.add(baseNames[0].row("baseline, without the 7 sub-unit labels", "districts"));
        table.add(names[0].row("linker, without the 7 sub-unit labels", "districts"));

        var report = new StringBuilder();
        report.append("# News linker evaluation\n\n");
        report.append("Gold set: `feeds/src/test/resources/linker/labeled-news.jsonl` (").append(gold.size())
                .append(" excerpts). Micro precision, recall and F1 over (excerpt, key) pairs. The assertion uses the ")
                .append("full gold set (the rows in bold).\n\n");
        table.forEach(row -> report.append(row).append('\n'));
        report.append("\n## Linker errors\n\n");
        report.append(errors(linked));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(full[0].f1()).as("district F1").isGreaterThanOrEqualTo(0.95).isGreaterThan(base[0].f1())
                .isGreaterThan(alias[0].f1());
        assertThat(full[1].f1()).as("agency F1").isGreaterThanOrEqualTo(0.95).isGreaterThan(base[1].f1())
                .isGreaterThan(alias[1].f1());
    }

    @Test
    void measuresLinkingTime() {
        for (int pass = 0; pass < 20; pass++) {
            for (var excerpt : gold) {
                linker.link(null, excerpt.text());
            }
        }
        int passes = 100;
        long links = 0;
        long started = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (var excerpt : gold) {
                links += linker.link(null, excerpt.text()).size();
            }
        }
        long elapsed = System.nanoTime() - started;
        int items = passes * gold.size();
        System.out.printf(Locale.ROOT, "Linking: %d items in %d ms, %.1f µs per item (%.0f items/s on one thread), %d links%n",
                items, elapsed / 1_000_000, elapsed / 1000.0 / items, items / (elapsed / 1e9), links);
    }

    private static Score[] evaluate(Function<String, Prediction> system, boolean withoutSubUnits) {
        var districts = new Score();
        var agencies = new Score();
        for (var excerpt : gold) {
            var prediction = system.apply(excerpt.text());
            var goldDistricts = new LinkedHashSet<>(excerpt.districts());
            if (withoutSubUnits) {
                goldDistricts.removeAll(excerpt.subUnitDistricts());
            }
            districts.add(prediction.districts(), goldDistricts);
            agencies.add(prediction.agencies(), excerpt.agencies());
        }
        return new Score[] {districts, agencies};
    }

    private static String errors(Function<String, Prediction> system) {
        var out = new StringBuilder();
        for (var excerpt : gold) {
            var prediction = system.apply(excerpt.text());
            var missed = new TreeSet<String>();
            var extra = new TreeSet<String>();
            diff(prediction.districts(), excerpt.districts(), missed, extra, excerpt.subUnitDistricts());
            diff(prediction.agencies(), excerpt.agencies(), missed, extra, Set.of());
            if (!missed.isEmpty() || !extra.isEmpty()) {
                out.append("- ").append(excerpt.id()).append(": ");
                if (!missed.isEmpty()) {
                    out.append("missed ").append(String.join(", ", missed)).append(' ');
                }
                if (!extra.isEmpty()) {
                    out.append("extra ").append(String.join(", ", extra));
                }
                out.append(" — ").append(excerpt.text().replace('\n', ' '), 0, Math.min(90, excerpt.text().length()))
                        .append("…\n");
            }
        }
        return out.toString();
    }

    private static void diff(Set<String> predicted, Set<String> gold, Set<String> missed, Set<String> extra,
                             Set<String> subUnits) {
        for (var key : gold) {
            if (!predicted.contains(key)) {
                missed.add(subUnits.contains(key) ? key + " (sub-unit)" : key);
            }
        }
        for (var key : predicted) {
            if (!gold.contains(key)) {
                extra.add(key);
            }
        }
    }

    private static Prediction link(String text) {
        var districts = new LinkedHashSet<String>();
        var agencies = new LinkedHashSet<String>();
        for (var link : linker.link(null, text)) {
            if (link.type() == NodeType.DISTRICT) {
                districts.add(key(link.id()));
            } else if (link.type() == NodeType.AGENCY) {
                agencies.add(key(link.id()));
            }
        }
        return new Prediction(districts, agencies);
    }

    /** Plain substring matching: full official names, or (with {@code aliases}) every name the data gives. */
    static Prediction baseline(String text, List<District> districts, List<Agency> agencies, boolean aliases) {
        var foundDistricts = new LinkedHashSet<String>();
        var foundAgencies = new LinkedHashSet<String>();
        for (var district : districts) {
            if (text.contains(district.name())) {
                foundDistricts.add(key(district.id()));
            }
        }
        for (var agency : agencies) {
            var names = new ArrayList<String>();
            names.add(agency.name());
            if (aliases) {
                names.add(agency.shortName());
                names.addAll(agency.aliases());
            }
            for (var name : names) {
                if (name != null && !name.isBlank() && text.contains(name)) {
                    foundAgencies.add(key(agency.id()));
                }
            }
        }
        return new Prediction(foundDistricts, foundAgencies);
    }

    private static String key(String id) {
        return id.substring(id.indexOf('_') + 1);
    }

    /**
     * Reads the gold set. A district label counts as a sub-unit label (README: "for a names-only
     * evaluation, drop those labels") when the note says sub-unit or legal dong/ri and neither the
     * district's name nor its short form is in the text.
     */
    static List<Excerpt> readGold() throws IOException {
        var mapper = new ObjectMapper();
        var districtNames = new java.util.HashMap<String, String>();
        for (var district : DemoGazetteer.districts()) {
            districtNames.put(key(district.id()), district.name());
        }
        var excerpts = new ArrayList<Excerpt>();
        try (var in = LinkerEvaluationTest.class.getResourceAsStream(GOLD)) {
            assertThat(in).as(GOLD).isNotNull();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = mapper.readTree(line);
                var text = row.get("text").asText();
                var note = row.path("note").asText("");
                var districts = strings(row.get("districts"));
                var subUnits = new LinkedHashSet<String>();
                if (note.contains("sub-unit") || note.contains("legal dong") || note.contains("legal ri")) {
                    for (var key : districts) {
                        var name = districtNames.get(key);
                        if (name != null && !text.contains(name.substring(0, name.length() - 1))) {
                            subUnits.add(key);
                        }
                    }
                }
                excerpts.add(new Excerpt(row.get("id").asText(), text, districts, strings(row.get("agencies")), subUnits,
                        note));
            }
        }
        return excerpts;
    }

    private static Set<String> strings(JsonNode array) {
        var values = new LinkedHashSet<String>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }
}
