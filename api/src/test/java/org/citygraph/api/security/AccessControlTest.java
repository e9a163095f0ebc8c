package org.citygraph.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.api.support.RawWebSocket;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.Outbox;
import org.citygraph.graph.user.Secrets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

/**
 * The negative suite: every role through every path. An internal issue of another agency must be
 * unreachable for partners and visitors by any road (list, nested field, node, search, related
 * issues, subscription); writes need their role; every bad credential reads the same.
 */
class AccessControlTest extends ApiTest {

    @Autowired
    Secrets secrets;

    /** An internal issue of the safety department (not the police), related to a public one. */
    record Hidden(String internalId, String title, String publicId) {
    }

    Hidden hidden() {
        var title = "비공개 안전 점검 " + System.nanoTime();
        var internal = createIssue(title, "INTERNAL", "agc_nonsan-safety");
        var open = createIssue("공개 안전 점검 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");
        as(Viewer.Role.STAFF).document("mutation($i: LinkIssueInput!) { linkIssue(input: $i) { errors { code } } }")
                .variable("i", Map.of("id", open, "targetIds", List.of(internal))).execute()
                .path("linkIssue.errors").entityList(Object.class).hasSize(0);
        return new Hidden(internal, title, open);
    }

    String createIssue(String title, String visibility, String ownerId) {
        return as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", title, "category", "SAFETY", "severity", "HIGH", "visibility", visibility,
                        "ownerId", ownerId, "districtIds", List.of("dst_yeonmu")))
                .execute().path("createIssue.issue.id").entity(String.class).get();
    }

    @Test
    void anInternalIssueOfAnotherAgencyIsUnreachableByEveryRoad() {
        var hidden = hidden();
        for (var client : List.of(anonymous(), as(Viewer.Role.PARTNER))) {
            assertUnreachable(client, hidden);
        }
        // staff see it by every road
        var staff = as(Viewer.Role.STAFF);
        staff.document("query($id: ID!) { issue(id: $id) { id } }").variable("id", hidden.internalId()).execute()
                .path("issue.id").entity(String.class).isEqualTo(hidden.internalId());
        staff.document("query($id: ID!) { issue(id: $id) { relatedIssues { id } } }").variable("id", hidden.publicId()).execute()
                .path("issue.relatedIssues[*].id").entityList(String.class).contains(hidden.internalId());
    }

    private void assertUnreachable(HttpGraphQlTester client, Hidden hidden) {
        var id = hidden.internalId();
        client.document("query($id: ID!) { issue(id: $id) { id } }").variable("id", id).execute().path("issue").valueIsNull();
        client.document("query($id: ID!) { node(id: $id) { id } }").variable("id", id).execute().path("node").valueIsNull();
        client.document("query($ids: [ID!]!) { nodes(ids: $ids) { id } }").variable("ids", List.of(id)).execute()
                .path("nodes[0]").valueIsNull();
        client.document("{ issues(first: 100, filter: {districtIds: [\"dst_yeonmu\"]}) { nodes { id } } }").execute()
                .path("issues.nodes[*].id").entityList(String.class).doesNotContain(id);
        client.document("{ district(id: \"dst_yeonmu\") { issues(first: 100) { nodes { id } } } }").execute()
                .path("district.issues.nodes[*].id").entityList(String.class).doesNotContain(id);
        client.document("{ agency(id: \"agc_nonsan-safety\") { issues(first: 100) { nodes { id } } } }").execute()
                .path("agency.issues.nodes[*].id").entityList(String.class).doesNotContain(id);
        client.document("query($t: String!) { search(text: $t, first: 50) { nodes { ... on Issue { id } } } }")
                .variable("t", hidden.title()).execute()
                .path("search.nodes[*].id").entityList(String.class).doesNotContain(id);
        client.document("query($id: ID!) { issue(id: $id) { relatedIssues { id } } }").variable("id", hidden.publicId()).execute()
                .path("issue.relatedIssues[*].id").entityList(String.class).doesNotContain(id);
    }

    @Test
    void aPartnerSubscribedWithAnApiKeyGetsOnlyWhatItsAgencyMaySee() throws Exception {
        var key = as(Viewer.Role.ADMIN).document("""
                        mutation { createApiKey(input: {name: "경찰 상황판", agencyId: "agc_nonsan-police"}) { key apiKey { id } } }""")
                .execute().path("createApiKey.key").entity(String.class).get();
        var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + key));
                    }
                }).build();
        var events = new LinkedBlockingQueue<Map<String, Object>>();
        var subscription = client.document("subscription($after: Long) { issueChanged(after: $after, filter: {kinds: [CREATED, LINKED]}) { kind issue { id } targetIds } }")
                .variable("after", Outbox.latest(graph)).executeSubscription()
                .map(r -> r.field("issueChanged").toEntity(new ParameterizedTypeReference<Map<String, Object>>() { }))
                .subscribe(events::add);
        try {
            var hidden = hidden();
            var shared = createIssue("경찰 공유 사안 " + System.nanoTime(), "INTERNAL", PARTNER_AGENCY);
            var received = new java.util.ArrayList<Map<String, Object>>();
            for (Map<String, Object> event; (event = events.poll(3, TimeUnit.SECONDS)) != null; ) {
                received.add(event);
            }
            assertThat(received.toString()).doesNotContain(hidden.internalId()).contains(hidden.publicId(), shared);
        } finally {
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void writesNeedTheirRole() {
        record Attempt(String document, Map<String, Object> variables) {
        }
        var writes = List.of(
                new Attempt("mutation($i: CreateIssueInput!) { createIssue(input: $i) { errors { code } } }",
                        Map.of("i", Map.of("title", "x", "category", "SAFETY", "severity", "LOW", "ownerId", "agc_nonsan-safety"))),
                new Attempt("mutation($i: AddFeedInput!) { addFeed(input: $i) { errors { code } } }", Map.of("i", Map.of("url", "https://x.kr/rss"))),
                new Attempt("mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }", Map.of("i", Map.of("name", "x", "agencyId", PARTNER_AGENCY))),
                new Attempt("mutation($i: CreateUserInput!) { createUser(input: $i) { errors { code } } }",
                        Map.of("i", Map.of("username", "intruder", "role", "ADMIN", "password", "a-long-enough-password"))),
                new Attempt("mutation { revokeApiKey(id: \"key_nothing\") { errors { code } } }", Map.of()),
                new Attempt("{ auditLog { nodes { action } } }", Map.of()),
                new Attempt("{ users { username } }", Map.of()));
        for (var attempt : writes) {
            expectCode(anonymous(), attempt.document(), attempt.variables(), "UNAUTHENTICATED");
            expectCode(as(Viewer.Role.PARTNER), attempt.document(), attempt.variables(), "FORBIDDEN");
        }
        for (var attempt : writes.subList(1, writes.size())) {
            expectCode(as(Viewer.Role.STAFF), attempt.document(), attempt.variables(), "FORBIDDEN");
        }
    }

    private static void expectCode(HttpGraphQlTester client, String document, Map<String, Object> variables, String code) {
        var request = client.document(document);
        variables.forEach(request::variable);
        request.execute().errors().satisfy(errors -> assertThat(errors).as(document).singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", code)));
    }

    @Test
    void expiredForgedUnsignedAndRevokedCredentialsAllReadTheSame() throws Exception {
        var key = Base64.getUrlDecoder().decode(secrets.getOrCreate("token-signing-key", 32));
        var expired = sign(key, Instant.now().minus(Duration.ofHours(2)), Instant.now().minus(Duration.ofHours(1)), "ADMIN");
        var forged = sign(new byte[32], Instant.now(), Instant.now().plus(Duration.ofHours(1)), "ADMIN");
        var unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"citygraph\",\"sub\":\"usr_x\",\"role\":\"ADMIN\",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}").getBytes())
                + ".";
        var created = as(Viewer.Role.ADMIN).document("""
                        mutation { createApiKey(input: {name: "폐기될 키", agencyId: "agc_nonsan-police"}) { key apiKey { id } } }""").execute();
        var apiKey = created.path("createApiKey.key").entity(String.class).get();
        var keyId = created.path("createApiKey.apiKey.id").entity(String.class).get();

        // the key works, as the partner, and its use is recorded
        var viaKey = post("/graphql", Map.of("query", "{ viewer { role agency { id } } }"), null, Map.of("X-API-Key", apiKey));
        assertThat(read(viaKey.body()).path("data").path("viewer").path("role").asText()).isEqualTo("PARTNER");
        assertThat(read(viaKey.body()).path("data").path("viewer").path("agency").path("id").asText()).isEqualTo(PARTNER_AGENCY);
        as(Viewer.Role.ADMIN).document("{ apiKeys { id lastUsedAt active } }").execute()
                .path("apiKeys[?(@.id == '" + keyId + "')].lastUsedAt").entityList(String.class).hasSize(1);
        as(Viewer.Role.ADMIN).document("mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { active revokedAt } } }").variable("id", keyId)
                .execute().path("revokeApiKey.apiKey.active").entity(Boolean.class).isEqualTo(false);

        var bodies = new java.util.HashSet<String>();
        for (var credential : List.of(expired, forged, unsigned, apiKey, "cgk_nothing_here", "not-a-token")) {
            var response = post("/graphql", Map.of("query", "{ viewer { role } }"), credential);
            assertThat(response.statusCode()).as(credential).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
            bodies.add(response.body());
        }
        assertThat(bodies).as("every rejection reads the same").hasSize(1);

        // a stale session cookie does not lock the browser out: it is ignored and deleted
        var withStaleCookie = post("/graphql", Map.of("query", "{ viewer { role } }"), null,
                Map.of("Cookie", "CITYGRAPH_SESSION=" + expired));
        assertThat(withStaleCookie.statusCode()).isEqualTo(200);
        assertThat(read(withStaleCookie.body()).path("data").path("viewer").path("role").asText()).isEqualTo("PUBLIC");
        assertThat(withStaleCookie.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("CITYGRAPH_SESSION=;") && c.contains("Max-Age=0"));
        var page = get("/", Map.of("Cookie", "CITYGRAPH_SESSION=" + forged));
        assertThat(page.statusCode()).isEqualTo(200);

        // over WebSocket, a revoked key closes the connection with 4401
        try (var socket = RawWebSocket.connect(port, "/graphql", 0, null)) {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + apiKey + "\"}}");
            assertThat(socket.readUntilClose(5000).closeCode()).isEqualTo(4401);
        }
    }

    private static String sign(byte[] key, Instant issued, Instant expires, String role) throws Exception {
        var claims = new JWTClaimsSet.Builder().issuer("citygraph").subject("usr_forged").claim("role", role).claim("name", "x")
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    @Test
    void introspectionIsForLoggedInCallers() {
        anonymous().document("{ __schema { queryType { name } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INTROSPECTION_DISABLED")));
        anonymous().document("fragment F on Query { __type(name: \"Issue\") { name } } query { ...F }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INTROSPECTION_DISABLED")));
        anonymous().document("{ districts(first: 1) { nodes { __typename } } }").execute().errors().verify();
        as(Viewer.Role.STAFF).document("{ __schema { queryType { name } } }").execute()
                .path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
    }

    @Test
    void theAuditLogRecordsWhoDidWhatWithoutValues() {
        var password = "correct horse battery staple 2";
        var username = "audited-" + System.nanoTime() % 100000;
        var userId = as(Viewer.Role.ADMIN).document("mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } errors { code } } }")
                .variable("i", Map.of("username", username, "role", "STAFF", "password", password)).execute()
                .path("createUser.user.id").entity(String.class).get();
        as(Viewer.Role.ADMIN).document("mutation($i: CreateUserInput!) { createUser(input: $i) { errors { code } } }")
                .variable("i", Map.of("username", username + "-2", "role", "STAFF", "password", "short")).execute()
                .path("createUser.errors[0].code").entity(String.class).isEqualTo("WEAK_PASSWORD");
        anonymous().document("mutation { revokeApiKey(id: \"key_x\") { errors { code } } }").execute().errors().satisfy(e -> { });
        var issue = createIssue("감사 기록 사안 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");
        login("nobody-" + System.nanoTime(), "wrong password");

        var entries = as(Viewer.Role.ADMIN).document("""
                        { auditLog(first: 20) { nodes { action actorRole subjectId details outcome } } }""").execute()
                .path("auditLog.nodes").entityList(Map.class).get();
        var text = entries.toString();
        assertThat(text).doesNotContain(password);
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("action", "createUser").containsEntry("subjectId", userId)
                .containsEntry("outcome", "OK"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("action", "createUser").containsEntry("outcome", "REFUSED"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("action", "revokeApiKey").containsEntry("outcome", "DENIED")
                .containsEntry("actorRole", "PUBLIC"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("action", "createIssue").containsEntry("subjectId", issue)
                .containsEntry("actorRole", "STAFF"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("action", "login.failed").containsEntry("outcome", "DENIED"));
        assertThat(entries).filteredOn(e -> "createUser".equals(e.get("action")) && "OK".equals(e.get("outcome")))
                .allSatisfy(e -> assertThat(String.valueOf(e.get("details"))).contains("input.password"));
    }
}
