package org.citygraph.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.citygraph.api.CityGraphApplication;
import org.citygraph.graph.Graph;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The base of API tests: the real application on a random port, over real HTTP, against the test
 * JVM's one real Neo4j (reached by URI, as a separately run server would be). All subclasses share
 * one application context.
 */
@SpringBootTest(classes = CityGraphApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    public static final String PASSWORD = "correct horse battery staple";
    /** The partner account belongs to the police. */
    public static final String PARTNER_AGENCY = "agc_nonsan-police";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Graph graph;

    @Autowired
    private Users users;

    @Autowired
    private PasswordEncoder encoder;

    @DynamicPropertySource
    static void useTheTestGraph(DynamicPropertyRegistry registry) {
        registry.add("citygraph.graph.uri", TestGraph::boltUri);
        registry.add("citygraph.graph.password", TestGraph::password);
        registry.add("citygraph.demo.enabled", () -> "false");
        registry.add("citygraph.security.admin-password", () -> PASSWORD);
        // Small enough that a test overflows it within seconds, large enough for a first-query hiccup.
        registry.add("citygraph.realtime.buffer-per-subscription", () -> "500");
        registry.add("citygraph.realtime.connection-init-timeout", () -> "2s");
        // One instance: every event is published in-process, so the outbox need not be polled (which
        // would also add background statements to the counts of NoNPlusOneTest).
        registry.add("citygraph.realtime.poll-interval", () -> "1h");
        // Feeds are fetched by the tests (refreshFeed), never behind their backs; the tests' feeds
        // are served on loopback, which an admin allows the same way for an intranet.
        registry.add("citygraph.feeds.polling", () -> "false");
        registry.add("citygraph.feeds.allowed-networks", () -> "127.0.0.1/32");
        registry.add("citygraph.webhooks.allowed-networks", () -> "127.0.0.1/32");
        // All tests call from 127.0.0.1: limits high enough never to trip here (AbuseLimitsTest checks them).
        registry.add("citygraph.rate-limits.anonymous-per-minute", () -> "100000");
        registry.add("citygraph.rate-limits.intake-per-minute", () -> "100000");
        registry.add("citygraph.rate-limits.login-failures", () -> "1000");
        // Retries within a test's patience: 200 ms, 400 ms, 800 ms, then disabled at the fourth failure.
        registry.add("citygraph.webhooks.first-retry", () -> "200ms");
        registry.add("citygraph.webhooks.max-backoff", () -> "1s");
        registry.add("citygraph.webhooks.max-failures", () -> "4");
        // A briefing participant who stops sending heartbeats is gone within a test's patience.
        registry.add("citygraph.briefings.presence-timeout", () -> "3s");
        registry.add("citygraph.briefings.heartbeat", () -> "1s");
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A GraphQL client with no credentials. */
    protected HttpGraphQlTester anonymous() {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer(new JdkClientHttpConnector()).baseUrl(baseUrl() + "/graphql")).build();
    }

    /** A GraphQL client logged in with the given role (ADMIN, STAFF, or PARTNER of the police). */
    protected HttpGraphQlTester as(Viewer.Role role) {
        return anonymous().mutate().header("Authorization", "Bearer " + token(role)).build();
    }

    /** A login token for an account of the role, created on first use through the real login endpoint. */
    protected String token(Viewer.Role role) {
        return TOKENS.computeIfAbsent(role.name(), r -> {
            var username = "test-" + r.toLowerCase();
            if (users.credentials(username).isEmpty()) {
                users.create(username, "시험 " + r, role, role == Viewer.Role.PARTNER ? PARTNER_AGENCY : null, encoder.encode(PASSWORD));
            }
            return login(username, PASSWORD).path("token").asText();
        });
    }

    /** Logs in through {@code POST /api/auth/login} and returns the JSON body (or the error). */
    protected JsonNode login(String username, String password) {
        var response = post("/api/auth/login", Map.of("username", username, "password", password), null);
        return read(response.body());
    }

    protected HttpResponse<String> post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    protected HttpResponse<String> post(String path, Object body, String token, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The GraphQL-over-HTTP media type, under which a request that cannot run is a 400. */
    protected static final Map<String, String> GRAPHQL_RESPONSE = Map.of("Accept", "application/graphql-response+json");

    protected static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    /** Counts rows of a Cypher query straight from the graph, as an independent check. */
    protected long count(String cypher, Map<String, Object> parameters) {
        return graph.read(tx -> tx.run(cypher, parameters).single().get(0).asLong());
    }
}
