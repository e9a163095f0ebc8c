package org.citygraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.junit.jupiter.api.Test;

/** /graphql as the GraphQL-over-HTTP specification describes it. */
class HttpTransportTest extends ApiTest {

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void getRunsQueriesWithTheGraphqlResponseMediaType() {
        var response = get("/graphql?query=" + q("query($c: String) { district(code: $c) { name } }")
                + "&variables=" + q("{\"c\":\"4423025000\"}"), Map.of("Accept", "application/graphql-response+json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/graphql-response+json"));
        assertThat(read(response.body()).path("data").path("district").path("name").asText()).isEqualTo("강경읍");
    }

    @Test
    void getRefusesMutations() {
        var response = get("/graphql?query=" + q("mutation { unlinkIssue(input: {id: \"x\", targetIds: [\"y\"]}) { errors { code } } }"), Map.of());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void syntaxErrorsAreA400ForTheNewMediaTypeAndA200ForPlainJson() {
        var modern = post("/graphql", Map.of("query", "{ districts(first: "), null, GRAPHQL_RESPONSE);
        assertThat(modern.statusCode()).isEqualTo(400);
        assertThat(read(modern.body()).path("errors")).isNotEmpty();
        var legacy = get("/graphql?query=" + q("{ districts(first: "), Map.of("Accept", "application/json"));
        assertThat(get("/graphql?query=" + q("{ districts(first: "), GRAPHQL_RESPONSE).statusCode()).isEqualTo(400);
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(read(legacy.body()).path("errors")).isNotEmpty();
    }

    @Test
    void internalDetailsNeverLeak() {
        var response = post("/graphql", Map.of("query", "{ issues(first: 1, after: \"%%%\") { totalCount } }"), null);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("MATCH").doesNotContain("at org.");
    }

    @Test
    void healthAndReadinessIncludeNeo4j() {
        var health = get("/actuator/health/readiness", Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(read(health.body()).path("status").asText()).isEqualTo("UP");
        var liveness = get("/actuator/health/liveness", Map.of());
        assertThat(liveness.statusCode()).isEqualTo(200);
        var detailed = get("/actuator/health/readiness", Map.of("Authorization", "Bearer " + token(org.citygraph.graph.Viewer.Role.ADMIN)));
        assertThat(read(detailed.body()).path("components").path("neo4j").path("status").asText()).isEqualTo("UP");
    }
}
