package org.citygraph.api.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import reactor.core.publisher.Mono;

/**
 * A complainant's contact details reach administrators and the staff of the agency responsible,
 * and nobody else on any path: GraphQL queries and lists, node(id), search, the subscription,
 * webhooks, Open311 reads (JSON and XML), and the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintPrivacyTest extends ComplaintTestSupport {

    static final String CONTACT = """
            query($id: ID!) { complaint(id: $id) { id contact { firstName lastName email phone deviceId accountId } } }""";

    final String marker = Long.toString(System.nanoTime(), 36);
    final String email = "minwon-" + marker + "@example.kr";
    final String phone = "010-" + marker.substring(0, 4) + "-5678";
    final String lastName = "홍" + marker;
    LocalHttpServer receiver;
    String complaintId;

    @BeforeAll
    void fileAComplaintWithContactDetails() {
        receiver = new LocalHttpServer();
        // a road complaint: the traffic department is responsible
        var created = postForm("/open311/v2/requests.json", Map.of("service_code", "ROAD_DAMAGE",
                "lat", "36.2061", "long", "127.0928", "description", "취암동 사거리 맨홀 뚜껑이 들떠 있습니다.",
                "email", email, "phone", phone, "first_name", "길동", "last_name", lastName, "device_id", "device-" + marker));
        assertThat(created.statusCode()).isEqualTo(201);
        complaintId = read(created.body()).path(0).path("service_request_id").asText();
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    void noContactIn(String body) {
        assertThat(body).doesNotContain(email).doesNotContain(phone).doesNotContain(lastName).doesNotContain("device-" + marker);
    }


    @Test
    void adminsAndStaffOfTheResponsibleAgencyReadTheContact() {
        for (var client : List.of(as(Viewer.Role.ADMIN), staffOf("agc_nonsan-traffic"))) {
            client.document(CONTACT).variable("id", complaintId).execute()
                    .path("complaint.contact.email").entity(String.class).isEqualTo(email)
                    .path("complaint.contact.phone").entity(String.class).isEqualTo(phone)
                    .path("complaint.contact.lastName").entity(String.class).isEqualTo(lastName);
        }
    }

    @Test
    void everyoneElseReadsTheComplaintWithoutItsContact() {
        // the public, a partner, staff with no agency, staff of another agency
        for (var client : List.of(anonymous(), as(Viewer.Role.PARTNER), as(Viewer.Role.STAFF), staffOf("agc_nonsan-safety"))) {
            client.document(CONTACT).variable("id", complaintId).execute()
                    .path("complaint.id").entity(String.class).isEqualTo(complaintId)
                    .path("complaint.contact").valueIsNull();
            var list = client.document("{ complaints(first: 100) { nodes { id description contact { email phone lastName } } } }")
                    .execute();
            list.path("complaints.nodes[*].id").entityList(String.class).contains(complaintId);
            list.path("complaints.nodes[*].contact").entityList(Object.class).satisfies(contacts ->
                    assertThat(contacts).allMatch(java.util.Objects::isNull));
            client.document("query($id: ID!) { node(id: $id) { id ... on Complaint { contact { email } } } }")
                    .variable("id", complaintId).execute()
                    .path("node.id").entity(String.class).isEqualTo(complaintId)
                    .path("node.contact").valueIsNull();
        }
        var raw = post("/graphql", Map.of("query", "{ complaints(first: 100) { nodes { id contact { email phone lastName deviceId } } } }"), null);
        noContactIn(raw.body());
    }

    @Test
    void searchNeverFindsAComplainantByTheirDetails() {
        for (var token : new String[] {null, token(Viewer.Role.ADMIN)}) {
            for (var text : List.of(email, lastName, phone)) {
                var body = post("/graphql", Map.of("query", "query($t: String!) { search(text: $t, first: 20) { totalCount nodes { __typename } } }",
                        "variables", Map.of("t", text)), token).body();
                assertThat(read(body).path("data").path("search").path("totalCount").asInt()).as("hits for " + text).isZero();
                noContactIn(body.replace(text, ""));
            }
        }
    }

    @Test
    void open311ReadsNeverCarryContactDetails() {
        for (var path : List.of("/open311/v2/requests/" + complaintId + ".json", "/open311/v2/requests/" + complaintId + ".xml",
                "/open311/v2/requests.json", "/open311/v2/requests.xml",
                "/open311/v2/requests.json?service_request_id=" + complaintId)) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains(complaintId);
            noContactIn(response.body());
        }
        // even for a caller who may read the contact in GraphQL
        var admin = get("/open311/v2/requests/" + complaintId + ".json", Map.of("Authorization", "Bearer " + token(Viewer.Role.ADMIN)));
        noContactIn(admin.body());
    }

    @Test
    void theSubscriptionAndWebhooksCarryNoContactEvenForStaffAudiences() throws Exception {
        var deliveries = new LinkedBlockingQueue<String>();
        receiver.route("/complaints", exchange -> {
            deliveries.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            LocalHttpServer.send(exchange, 200, "text/plain", "ok".getBytes());
        });
        as(Viewer.Role.ADMIN).document("""
                        mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } errors { code } } }""")
                .variable("input", Map.of("url", receiver.url("/complaints"), "audience", "STAFF",
                        "filter", Map.of("kinds", List.of("COMPLAINT_RECEIVED"))))
                .execute().path("createWebhook.errors").entityList(Object.class).hasSize(0);

        var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token(Viewer.Role.ADMIN)));
                    }
                }).build();
        BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
        var after = read(post("/graphql", Map.of("query", "{ eventSequence }"), null).body()).path("data").path("eventSequence").asLong();
        var subscription = client.document("""
                        subscription($after: Long) { complaintReceived(after: $after, filter: {serviceCodes: ["ROAD_DAMAGE"]}) {
                          seq complaint { id contact { email phone lastName } } } }""")
                .variable("after", after).executeSubscription()
                .map(r -> r.field("complaintReceived").<Map<String, Object>>getValue())
                .subscribe(events::add);
        try {
            var id = anonymous().document(SUBMIT).variable("input", Map.of("serviceCode", "ROAD_DAMAGE",
                            "description", "부창동 인도 블록이 깨졌어요", "latitude", 36.1893, "longitude", 127.1085,
                            "contact", Map.of("email", email, "phone", phone, "lastName", lastName)))
                    .execute().path("submitComplaint.complaint.id").entity(String.class).get();
            Map<String, Object> event;
            do {
                event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("the complaint's event within 10 s").isNotNull();
            } while (!id.equals(((Map<?, ?>) event.get("complaint")).get("id")));
            assertThat(((Map<?, ?>) event.get("complaint")).get("contact")).isNull();
            noContactIn(event.toString());

            String delivery;
            do {
                delivery = deliveries.poll(10, TimeUnit.SECONDS);
                assertThat(delivery).as("the webhook's delivery within 10 s").isNotNull();
            } while (!delivery.contains(id));
            assertThat(read(delivery).path("kind").asText()).isEqualTo("COMPLAINT_RECEIVED");
            noContactIn(delivery);
        } finally {
            subscription.dispose();
            client.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void theAuditLogKeepsFieldNamesNotTheDetails() {
        anonymous().document(SUBMIT).variable("input", Map.of("serviceCode", "OTHER", "description", "감사 기록 확인",
                "address", "취암동", "contact", Map.of("email", email, "lastName", lastName))).execute();
        var body = post("/graphql", Map.of("query", "{ auditLog(first: 100) { nodes { action details } } }"), token(Viewer.Role.ADMIN)).body();
        assertThat(body).contains("submitComplaint");
        noContactIn(body);
    }
}
