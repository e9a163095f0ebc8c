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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
// the intake and login tests run first: the general test spends this address's whole minute
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        registry.add("citygraph.rate-limits.intake-per-minute", () -> "3");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    @Test
    @Order(1)
    void publicIntakeIsLimitedPerAddressOnBothDoorsWhileStaffGoOn() throws Exception {
        var submit = "mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { complaint { id } errors { code } } }";
        var input = Map.of("serviceCode", "OTHER", "description", "민원 제출 한도 시험", "address", "논산시청");
        long before = complaints();
        for (int i = 0; i < 3; i++) {
            var answer = post("/graphql", Map.of("query", submit, "variables", Map.of("i", input)), null);
            assertThat(answer.body().path("data").path("submitComplaint").path("complaint").path("id").asText()).startsWith("cmp_");
        }
        var refused = post("/graphql", Map.of("query", submit, "variables", Map.of("i", input)), null);
        assertThat(refused.body().path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().path("errors").path(0).path("extensions").path("retryAfterSeconds").asInt()).isPositive();
        // the Open311 door counts against the same allowance
        var form = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("service_code=OTHER&address_string=%EB%85%BC%EC%82%B0&description=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(form.body()).path(0).path("code").asInt()).isEqualTo(429);
        assertThat(complaints()).isEqualTo(before + 3);
        // staff entering complaints (a phone call, a visit) are not held to the public allowance
        var username = "intake-" + System.nanoTime() % 100000;
        users.create(username, null, Viewer.Role.STAFF, null, encoder.encode("a staff password 123"));
        var token = post("/api/auth/login", Map.of("username", username, "password", "a staff password 123"), null)
                .body().path("token").asText();
        var staff = post("/graphql", Map.of("query", submit, "variables", Map.of("i", input)), token);
        assertThat(staff.body().path("data").path("submitComplaint").path("complaint").path("id").asText()).startsWith("cmp_");
    }

    long complaints() {
        return graph.read(tx -> tx.run("MATCH (c:Complaint) RETURN count(c) AS n").single().get("n").asLong());
    }

    @Autowired
    org.citygraph.graph.Graph graph;

    @Test
    @Order(3)
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
    @Order(2)
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
