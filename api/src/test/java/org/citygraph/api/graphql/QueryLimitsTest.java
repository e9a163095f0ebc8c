package org.citygraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;

/** Abusive queries are refused before they run, each with a stable code. */
class QueryLimitsTest extends ApiTest {

    private void refused(String document, String code) {
        anonymous().document(document).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", code)));
    }

    @Test
    void tooDeep() {
        var deep = "{ district(id: \"dst_nonsan\") " + "{ children ".repeat(12) + "{ name }" + " }".repeat(12) + " }";
        refused(deep, "QUERY_TOO_DEEP");
    }

    @Test
    void tooDeepThroughFragments() {
        refused("""
                query { district(id: "dst_nonsan") { ...A } }
                fragment A on District { children { ...B } }
                fragment B on District { children { ...C } }
                fragment C on District { children { children { children { children { children { children { children { children { name } } } } } } } } }""",
                "QUERY_TOO_DEEP");
    }

    @Test
    void tooManyAliases() {
        var aliases = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            aliases.append(" a").append(i).append(": districts(first: 1) { totalCount }");
        }
        refused(aliases.append(" }").toString(), "TOO_MANY_ALIASES");
    }

    @Test
    void tooComplex() {
        refused("{ issues(first: 100) { nodes { news(first: 100) { nodes { mentions { text } } } } } }", "QUERY_TOO_COMPLEX");
    }

    @Test
    void tooLarge() {
        refused("{ districts(first: 1) { totalCount } }" + " ".repeat(30_000) + "#", "DOCUMENT_TOO_LARGE");
    }

    @Test
    void fragmentBombIsRefused() {
        var doc = new StringBuilder("query { districts(first: 1) { nodes { ...F0 } } }\n");
        for (int i = 0; i < 20; i++) {
            doc.append("fragment F").append(i).append(" on District { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }\n");
        }
        doc.append("fragment F20 on District { name }");
        anonymous().document(doc.toString()).execute().errors().satisfy(errors -> assertThat(errors).isNotEmpty());
    }

    @Test
    void staffGetLooserLimitsThanAnonymousVisitors() {
        var query = "{ issues(first: 100) { nodes { news(first: 20) { nodes { mentions { text } } } } } }";
        refused(query, "QUERY_TOO_COMPLEX");
        as(Viewer.Role.STAFF).document(query).execute().errors().verify();
    }

    @Test
    void aRefusalOverHttpIsA400WithTheCode() throws Exception {
        var response = post("/graphql", Map.of("query", "{ districts(first: 1) { totalCount } }" + " ".repeat(30_000)), null, GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("DOCUMENT_TOO_LARGE");
    }
}
