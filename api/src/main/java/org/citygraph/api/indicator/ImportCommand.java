package org.citygraph.api.indicator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.citygraph.graph.Viewer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command line entry point of observation imports, run from the hub's own jar:
 * <pre>
 * java -jar api/target/citygraph.jar import --dataset=dts_floating-population-hourly --mapping=mapping.json data.csv
 * </pre>
 * It starts the application without a web server (same configuration, same graph: the embedded
 * data directory when the hub is stopped, or {@code --citygraph.graph.uri=...} of a running one),
 * imports, prints progress and the report, and exits with 0 (imported or already imported), 2
 * (refused) or 1 (failed).
 */
public final class ImportCommand {

    private ImportCommand() {
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        String dataset = null;
        String mappingFile = null;
        String csv = null;
        var springArgs = new ArrayList<String>();
        for (var arg : List.of(args).subList(1, args.length)) {
            if (arg.startsWith("--dataset=")) {
                dataset = arg.substring("--dataset=".length());
            } else if (arg.startsWith("--mapping=")) {
                mappingFile = arg.substring("--mapping=".length());
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                csv = arg;
            }
        }
        if (dataset == null || mappingFile == null || csv == null) {
            out.println("usage: java -jar citygraph.jar import --dataset=<dataset id> --mapping=<mapping.json> <file.csv> [--citygraph.graph.uri=...]");
            return 64;
        }
        ImportMapping mapping;
        try {
            mapping = new ObjectMapper().readValue(Files.readString(Path.of(mappingFile)), ImportMapping.class);
        } catch (IOException e) {
            out.println("Cannot read the mapping " + mappingFile + ": " + e.getMessage());
            return 64;
        }
        springArgs.add("--citygraph.feeds.polling=false");
        springArgs.add("--citygraph.webhooks.delivery=false");
        springArgs.add("--spring.main.banner-mode=off");
        var app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var context = app.run(springArgs.toArray(String[]::new))) {
            var importer = context.getBean(ObservationImporter.class);
            var file = Path.of(csv);
            var report = importer.importFile(new Viewer("cli", "command line", Viewer.Role.ADMIN, null), dataset, file,
                    file.getFileName().toString(), mapping, (phase, done, total) ->
                            out.printf(Locale.ROOT, "%s %,d / %,d rows%n", phase.toLowerCase(Locale.ROOT), done, total));
            out.printf(Locale.ROOT, "%s: %,d rows read, %,d imported, %,d invalid, in %,d ms (%,.0f rows/s)%s%n",
                    report.outcome(), report.rowsRead(), report.rowsImported(), report.badRows(), report.millis(),
                    report.rowsRead() * 1000.0 / Math.max(1, report.millis()),
                    report.importId() == null ? "" : " as " + report.importId());
            report.errors().forEach(e -> out.println("  " + e));
            return switch (report.outcome()) {
                case COMPLETED, DUPLICATE -> 0;
                case REFUSED -> 2;
                case FAILED -> 1;
            };
        }
    }
}
