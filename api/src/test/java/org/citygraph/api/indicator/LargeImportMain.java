package org.citygraph.api.indicator;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.citygraph.api.event.EventBus;
import org.citygraph.graph.Graph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.indicator.Indicators;
import org.citygraph.graph.indicator.ObservationWrites;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Flux;

/**
 * Runs one import in a JVM of its own, started by {@link LargeFileImportTest} with a heap smaller
 * than the file: {@code <bolt uri> <password> <dataset> <mapping json> <csv>}; prints the report as JSON.
 */
public final class LargeImportMain {

    public static void main(String[] args) throws Exception {
        try (var driver = GraphDatabase.driver(args[0], AuthTokens.basic("neo4j", args[1]))) {
            var graph = new Graph(driver, null);
            var zone = ZoneId.of("Asia/Seoul");
            var bus = new EventBus() {
                @Override
                public void publish(List<GraphEvent> events) {
                }

                @Override
                public Flux<GraphEvent> events() {
                    return Flux.empty();
                }
            };
            var importer = new ObservationImporter(new Indicators(graph, zone), new ObservationWrites(graph), bus,
                    new IndicatorProperties(zone, 20_000, 1000));
            var json = new ObjectMapper();
            var report = importer.importFile(Viewer.SYSTEM, args[2], Path.of(args[4]), "large.csv",
                    json.readValue(args[3], ImportMapping.class), ObservationImporter.Progress.NONE);
            System.out.println("REPORT " + json.writeValueAsString(report));
            System.out.println("HEAP " + Runtime.getRuntime().maxMemory());
        }
    }
}
