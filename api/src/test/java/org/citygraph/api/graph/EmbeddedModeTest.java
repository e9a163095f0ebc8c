package org.citygraph.api.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.citygraph.api.CityGraphApplication;
import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.embedded.EmbeddedNeo4j;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueDraft;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default a new user gets: no configuration, Neo4j inside the process with a data directory,
 * the demo city loaded once. Data survives a restart; the demo is not loaded twice.
 */
class EmbeddedModeTest {

    Path dataDir;

    @BeforeEach
    void dir() throws Exception {
        dataDir = Files.createTempDirectory("citygraph-embedded-app");
    }

    @AfterEach
    void clean() {
        TestGraph.deleteQuietly(dataDir);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CityGraphApplication.class).properties(Map.of(
                "server.port", "0",
                "citygraph.graph.data-dir", dataDir.resolve("neo4j").toString(),
                "citygraph.security.admin-password", "embedded-mode-test-password",
                "spring.main.banner-mode", "off")).run();
    }

    @Test
    void startsItsOwnNeo4jLoadsTheDemoOnceAndKeepsDataAcrossARestart() {
        String created;
        long issuesAfterFirstStart;
        try (var app = start()) {
            assertThat(app.getBeansOfType(EmbeddedNeo4j.class)).hasSize(1);
            var graph = app.getBean(Graph.class);
            long demoIssues = graph.<Long>read(tx -> tx.run("MATCH (i:Issue) RETURN count(i) AS n").single().get("n").asLong());
            assertThat(demoIssues).isEqualTo(30);
            created = app.getBean(Issues.class).create(new Viewer("usr_t", "t", Viewer.Role.STAFF, null),
                    new IssueDraft("재시작 후에도 남는 이슈", null, IssueCategory.OTHER, Severity.LOW, null, null,
                            "agc_nonsan-city", null, null)).value().id();
            issuesAfterFirstStart = demoIssues + 1;
        }
        try (var app = start()) {
            var graph = app.getBean(Graph.class);
            long issues = graph.read(tx -> tx.run("MATCH (i:Issue) RETURN count(i) AS n").single().get("n").asLong());
            String title = graph.read(tx -> tx.run("MATCH (i:Issue {id: $id}) RETURN i.title AS t", Map.of("id", created))
                    .single().get("t").asString());
            long admins = graph.read(tx -> tx.run("MATCH (u:User {username: 'admin'}) RETURN count(u) AS n").single().get("n").asLong());
            assertThat(issues).isEqualTo(issuesAfterFirstStart);
            assertThat(title).isEqualTo("재시작 후에도 남는 이슈");
            assertThat(admins).isEqualTo(1);
        }
    }
}
