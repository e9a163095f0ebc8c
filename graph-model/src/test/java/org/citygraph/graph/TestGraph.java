package org.citygraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.citygraph.graph.demo.DemoCity;
import org.citygraph.graph.embedded.EmbeddedNeo4j;
import org.citygraph.graph.migration.Migrations;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The one real Neo4j of a test JVM: started on first use in a temporary directory, migrated,
 * stopped when the JVM exits. Tests that need the demo city exactly as shipped call
 * {@link #resetToDemo()} first; other tests add what they need and assert relative facts.
 */
public final class TestGraph {

    /** Labels of domain data that a reset removes; accounts, secrets and the outbox counter stay. */
    private static final String WIPE = """
            MATCH (n)
            WHERE n:District OR n:Agency OR n:Issue OR n:NewsItem OR n:Dataset OR n:StatusChange OR n:DemoLoad
               OR n:Event OR n:Feed OR n:FeedError OR n:Mention OR n:Webhook
               OR n:Complaint OR n:ComplaintContact OR n:Comment
               OR n:Metric OR n:ObservationDay OR n:ObservationImport
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS""";

    private static EmbeddedNeo4j server;
    private static Driver driver;
    private static Graph graph;
    private static Path home;

    private TestGraph() {
    }

    public static synchronized Graph graph() {
        if (graph == null) {
            try {
                home = Files.createTempDirectory("citygraph-test-neo4j");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = EmbeddedNeo4j.start(home, 0, null, 64L * 1024 * 1024);
            driver = GraphDatabase.driver(server.boltUri(), AuthTokens.basic(server.user(), server.password()));
            graph = new Graph(driver, null);
            Migrations.apply(graph);
            DemoCity.loadIfEmpty(graph);
            Runtime.getRuntime().addShutdownHook(new Thread(TestGraph::stop, "test-neo4j-stop"));
        }
        return graph;
    }

    /** Removes all domain data and loads the demo city again. */
    public static synchronized void resetToDemo() {
        var g = graph();
        try (var session = driver.session()) {
            session.run(WIPE).consume();
        }
        DemoCity.loadIfEmpty(g);
    }

    public static String boltUri() {
        graph();
        return server.boltUri();
    }

    public static String password() {
        graph();
        return server.password();
    }

    private static synchronized void stop() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
        deleteQuietly(home);
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
