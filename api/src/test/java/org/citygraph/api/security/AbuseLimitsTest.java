package org.citygraph.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.citygraph.api.CityGraphApplication;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rate limits and login throttling, in an application of their own with small limits (the other
 * API tests all call from one address, so their application's limits are set out of reach).
 */
@SpringBootTest(classes = CityGraphApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AbuseLimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void smallLimits(DynamicPropertyRegistry registry) {
        registry.add("citygraph.graph.uri", TestGraph::boltUri);
        registry.add("citygraph.graph.password", TestGraph::password);
        registry.add("citygraph.demo.enabled", () -> "false");
        registry.add("citygraph.feeds.polling", () -> "false");
        registry.add("citygraph.realtime.poll-interval", () -> "1h");
        registry.add("citygraph.security.admin-password", () -> "abuse-limits-admin-password");
        registry.add("citygraph.rate-limits.anonymous-per-minute", () -> "30");
        registry.add("citygraph.rate-limits.login-failures", () -> "3");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void aVisitorWhoAsksTooOftenGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        var username = "limited-" + System.nanoTime() % 100000;
        users.create(username, null, Viewer.Role.STAFF, null, encoder.encode("a staff password 123"));
        var token = post("/api/auth/login", Map.of("username", username, "password", "a staff password 123"), null)
                .body().path("token").asText();
        int ok = 0;
        Answer limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            var answer = post("/graphql", Map.of("query", "{ districts(first: 1) { nodes { id } } }"), null);
            if (answer.status() == 429) {
                limited = answer;
            } else {
                ok++;
            }
        }
        // up to the minute's allowance of 30 (less what this address spent in the other test)
        assertThat(ok).isBetween(1, 30);
        assertThat(limited).isNotNull();
        assertThat(limited.retryAfter()).isNotNull();
        assertThat(limited.body().path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
        // a logged-in caller from the same address is counted as itself
        var staff = post("/graphql", Map.of("query", "{ districts(first: 1) { nodes { id } } }"), token);
        assertThat(staff.status()).isEqualTo(200);
    }

    @Test
    void guessingAPasswordIsStoppedEvenWhenTheGuessIsRight() throws Exception {
        var username = "guessed-" + System.nanoTime() % 100000;
        var password = "the right password 123";
        users.create(username, null, Viewer.Role.STAFF, null, encoder.encode(password));
        for (int i = 0; i < 3; i++) {
            var answer = post("/api/auth/login", Map.of("username", username, "password", "wrong " + i), null);
            assertThat(answer.body().path("error").asText()).isEqualTo("INVALID_CREDENTIALS");
        }
        var answer = post("/api/auth/login", Map.of("username", username, "password", password), null);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfter()).isNotNull();
        assertThat(answer.body().path("error").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    record Answer(int status, JsonNode body, String retryAfter) {
    }

    Answer post(String path, Object body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response.headers().firstValue("Retry-After").orElse(null));
    }
}
