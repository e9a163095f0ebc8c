package org.citygraph.graph.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.migration.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

/** The embedded server's own promises: persistence, one owner per directory, a password kept private. */
class EmbeddedNeo4jTest {

    Path home;

    @BeforeEach
    void createHome() throws Exception {
        home = Files.createTempDirectory("citygraph-embedded-test");
    }

    @AfterEach
    void deleteHome() {
        TestGraph.deleteQuietly(home);
    }

    @Test
    void keepsDataAcrossARestartAndTheSamePassword() throws Exception {
        String password;
        try (var server = EmbeddedNeo4j.start(home, 0, null, 16L * 1024 * 1024);
             var driver = GraphDatabase.driver(server.boltUri(), AuthTokens.basic(server.user(), server.password()))) {
            password = server.password();
            var graph = new Graph(driver, null);
            Migrations.apply(graph);
            graph.write(tx -> tx.run("CREATE (:District {id: 'dst_test', name: '시험동'})").consume());
        }
        var file = home.resolve(EmbeddedNeo4j.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (var server = EmbeddedNeo4j.start(home, 0, null, 16L * 1024 * 1024);
             var driver = GraphDatabase.driver(server.boltUri(), AuthTokens.basic(server.user(), server.password()))) {
            assertThat(server.password()).isEqualTo(password);
            var graph = new Graph(driver, null);
            var name = graph.read(tx -> tx.run("MATCH (d:District {id: 'dst_test'}) RETURN d.name AS n").single().get("n").asString());
            assertThat(name).isEqualTo("시험동");
        }
    }

    @Test
    void refusesAWrongPassword() {
        try (var server = EmbeddedNeo4j.start(home, 0, null, 16L * 1024 * 1024);
             var driver = GraphDatabase.driver(server.boltUri(), AuthTokens.basic("neo4j", "neo4j"))) {
            assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aSecondInstanceOnTheSameDirectoryFailsFastAndSaysWhy() {
        try (var first = EmbeddedNeo4j.start(home, 0, null, 16L * 1024 * 1024)) {
            assertThatThrownBy(() -> EmbeddedNeo4j.start(home, 0, null, 16L * 1024 * 1024))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining(home.toAbsolutePath().normalize().toString());
            assertThat(first.boltUri()).startsWith("bolt://127.0.0.1:");
        }
    }

    @Test
    void listensOnTheConfiguredPort() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var server = EmbeddedNeo4j.start(home, port, "a-given-password", 16L * 1024 * 1024);
             var driver = GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.basic("neo4j", "a-given-password"))) {
            driver.verifyConnectivity();
            assertThat(server.boltUri()).endsWith(":" + port);
            assertThat(Files.exists(home.resolve(EmbeddedNeo4j.PASSWORD_FILE))).isFalse();
        }
    }
}
