package org.citygraph.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.CityGraphApplication;
import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.event.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A subscriber that was away while the hub restarted resumes from the last sequence it saw: it gets
 * what was committed before and after the restart, in order, with no gap and no duplicate, because
 * the outbox is in the graph, not in memory.
 */
class ResumeAcrossRestartTest {

    static final String PASSWORD = "resume-test-password";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    Path dataDir;

    @BeforeEach
    void dir() throws Exception {
        dataDir = Files.createTempDirectory("citygraph-resume");
    }

    @AfterEach
    void clean() {
        TestGraph.deleteQuietly(dataDir);
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CityGraphApplication.class).properties(Map.of(
                "server.port", "0",
                "citygraph.graph.data-dir", dataDir.resolve("neo4j").toString(),
                "citygraph.security.admin-password", PASSWORD,
                "citygraph.feeds.polling", "false",
                "spring.main.banner-mode", "off")).run();
    }

    @Test
    void aSubscriberResumesAcrossARestartWithNoGapAndNoDuplicate() throws Exception {
        long lastSeen;
        var missed = new ArrayList<String>();
        try (var app = start()) {
            int port = port(app);
            var token = login(port);
            var events = new LinkedBlockingQueue<Map<String, Object>>();
            var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient()).build();
            var subscription = client.document("subscription($after: Long) { issueChanged(filter: {kinds: [CREATED]}, after: $after) { seq issue { id } } }")
                    .variable("after", Outbox.latest(app.getBean(Graph.class)))
                    .executeSubscription()
                    .map(r -> r.field("issueChanged").toEntity(new ParameterizedTypeReference<Map<String, Object>>() { }))
                    .subscribe(events::add);
            var seen = createIssue(port, token, "재시작 전 사안");
            var event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(((Map<?, ?>) event.get("issue")).get("id")).isEqualTo(seen);
            lastSeen = ((Number) event.get("seq")).longValue();
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));

            missed.add(createIssue(port, token, "연결이 끊긴 동안 1"));
            missed.add(createIssue(port, token, "연결이 끊긴 동안 2"));
        }
        try (var app = start()) {
            int port = port(app);
            var token = login(port);
            missed.add(createIssue(port, token, "재시작 후 사안"));

            var events = new LinkedBlockingQueue<Map<String, Object>>();
            var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient()).build();
            var subscription = client.document("subscription($after: Long) { issueChanged(filter: {kinds: [CREATED]}, after: $after) { seq issue { id } } }")
                    .variable("after", lastSeen)
                    .executeSubscription()
                    .map(r -> r.field("issueChanged").toEntity(new ParameterizedTypeReference<Map<String, Object>>() { }))
                    .subscribe(events::add);
            var ids = new ArrayList<String>();
            var seqs = new ArrayList<Long>();
            for (int i = 0; i < 3; i++) {
                var event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("event %d of 3", i + 1).isNotNull();
                ids.add((String) ((Map<?, ?>) event.get("issue")).get("id"));
                seqs.add(((Number) event.get("seq")).longValue());
            }
            assertThat(ids).containsExactlyElementsOf(missed);
            assertThat(seqs).isSorted().allMatch(s -> s > lastSeen).doesNotHaveDuplicates();
            assertThat(events.poll(700, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));
        }
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static String login(int port) throws Exception {
        var body = JSON.writeValueAsString(Map.of("username", "admin", "password", PASSWORD));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("token").asText();
    }

    static String createIssue(int port, String token, String title) throws Exception {
        var query = """
                mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } errors { message } } }""";
        var input = Map.of("title", title, "category", "SAFETY", "severity", "LOW", "visibility", "PUBLIC",
                "ownerId", "agc_nonsan-safety", "districtIds", List.of("dst_yeonmu"));
        var body = JSON.writeValueAsString(Map.of("query", query, "variables", Map.of("input", input)));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        var id = JSON.readTree(response.body()).path("data").path("createIssue").path("issue").path("id").asText(null);
        assertThat(id).as(response.body()).isNotNull();
        return id;
    }
}
