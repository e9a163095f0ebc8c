package org.citygraph.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citygraph.api.support.Eventually.waitFor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.citygraph.api.support.ApiTest;
import org.citygraph.feeds.support.LocalHttpServer;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Webhooks delivered to a real local HTTP receiver, with signatures, retries and partner scoping. */
class WebhookDeliveryTest extends ApiTest {

    /** One POST as the receiver saw it. */
    record Received(Map<String, String> headers, byte[] body) {
        JsonNode json() {
            return read(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static final String CREATE = """
            mutation($input: CreateWebhookInput!) {
              createWebhook(input: $input) { secret webhook { id audience agency { id } cursor enabled } errors { field code message } }
            }""";
    static final String STATE = """
            query($id: ID!) { webhook(id: $id) { enabled disabledReason consecutiveFailures lastFailure lastSuccessAt cursor backlog } }""";

    static LocalHttpServer receiver;

    @BeforeAll
    static void start() {
        receiver = new LocalHttpServer();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    /** Receives at the path, answering each POST with the next of {@code statuses} (the last one repeats). */
    static BlockingQueue<Received> receive(String path, int... statuses) {
        var queue = new LinkedBlockingQueue<Received>();
        var calls = new AtomicInteger();
        receiver.route(path, exchange -> {
            var headers = new java.util.HashMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            queue.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            LocalHttpServer.send(exchange, status, "text/plain", "ok".getBytes());
        });
        return queue;
    }

    String createIssue(String title, String visibility, String ownerId) {
        return as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", title, "category", "SAFETY", "severity", "HIGH", "visibility", visibility,
                        "ownerId", ownerId, "districtIds", List.of("dst_yeonmu")))
                .execute().path("createIssue.issue.id").entity(String.class).get();
    }

    static Received next(BlockingQueue<Received> queue) throws InterruptedException {
        var received = queue.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("a delivery within 10 s").isNotNull();
        return received;
    }

    @Test
    void aPartnerReceivesSignedEventsOfWhatItsAgencyMaySeeAndNothingElse() throws Exception {
        var deliveries = receive("/partner", 200);
        var created = as(Viewer.Role.PARTNER).document(CREATE).variable("input", Map.of("url", receiver.url("/partner"),
                        "filter", Map.of("kinds", List.of("ISSUE_CREATED")))).execute()
                .path("createWebhook.errors").entityList(Object.class).hasSize(0)
                .path("createWebhook.webhook.audience").entity(String.class).isEqualTo("PARTNER")
                .path("createWebhook.webhook.agency.id").entity(String.class).isEqualTo(PARTNER_AGENCY);
        var secret = created.path("createWebhook.secret").entity(String.class).get();
        assertThat(secret).startsWith("whsec_");

        var hidden = createIssue("경찰과 무관한 내부 사안 " + System.nanoTime(), "INTERNAL", "agc_nonsan-safety");
        var shared = createIssue("경찰 소관 내부 사안 " + System.nanoTime(), "INTERNAL", PARTNER_AGENCY);
        var open = createIssue("공개 사안 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");

        var first = next(deliveries);
        var second = next(deliveries);
        assertThat(deliveries.poll(1, TimeUnit.SECONDS)).as("the internal issue of another agency is never sent").isNull();
        assertThat(List.of(first.json().path("data").path("id").asText(), second.json().path("data").path("id").asText()))
                .containsExactly(shared, open).doesNotContain(hidden);
        for (var delivery : List.of(first, second)) {
            assertThat(WebhookSignature.verify(secret, delivery.headers().get("x-citygraph-signature"), delivery.body())).isTrue();
            assertThat(delivery.headers().get("x-citygraph-event")).isEqualTo("ISSUE_CREATED");
            assertThat(delivery.headers().get("idempotency-key")).isEqualTo(delivery.json().path("id").asText());
            assertThat(delivery.headers().get("x-citygraph-sequence")).isEqualTo(delivery.json().path("seq").asText());
        }
        assertThat(first.json().path("seq").asLong()).isLessThan(second.json().path("seq").asLong());
        assertThat(WebhookSignature.verify("whsec_wrong", first.headers().get("x-citygraph-signature"), first.body())).isFalse();
    }

    @Test
    void failedDeliveriesAreRetriedWithTheSameIdUntilAcknowledged() throws Exception {
        var deliveries = receive("/flaky", 500, 503, 200);
        var id = as(Viewer.Role.ADMIN).document(CREATE).variable("input", Map.of("url", receiver.url("/flaky"),
                        "filter", Map.of("kinds", List.of("ISSUE_CREATED")))).execute()
                .path("createWebhook.webhook.id").entity(String.class).get();

        var issue = createIssue("재시도 사안 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");

        var attempts = List.of(next(deliveries), next(deliveries), next(deliveries));
        assertThat(attempts).extracting(r -> r.json().path("data").path("id").asText()).containsOnly(issue);
        assertThat(attempts).extracting(r -> r.headers().get("x-citygraph-delivery")).containsOnly(attempts.get(0).headers().get("x-citygraph-delivery"));
        waitFor(() -> state(id).get("lastSuccessAt") != null && ((Number) state(id).get("consecutiveFailures")).intValue() == 0);
        as(Viewer.Role.ADMIN).document(STATE).variable("id", id).execute()
                .path("webhook.lastFailure").entity(String.class).satisfies(f -> assertThat(f).contains("503"))
                .path("webhook.enabled").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void aWebhookThatKeepsFailingIsDisabledVisiblyAndResumesWithNothingSkipped() throws Exception {
        var deliveries = receive("/down", 500);
        var id = as(Viewer.Role.ADMIN).document(CREATE).variable("input", Map.of("url", receiver.url("/down"),
                        "filter", Map.of("kinds", List.of("ISSUE_CREATED")))).execute()
                .path("createWebhook.webhook.id").entity(String.class).get();
        var firstIssue = createIssue("장애 중 사안 1 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");

        waitFor(() -> Boolean.FALSE.equals(state(id).get("enabled")));
        as(Viewer.Role.ADMIN).document(STATE).variable("id", id).execute()
                .path("webhook.disabledReason").entity(String.class).satisfies(r -> assertThat(r).contains("4 failed deliveries", "HTTP 500"))
                .path("webhook.consecutiveFailures").entity(Integer.class).isEqualTo(4);
        var secondIssue = createIssue("장애 중 사안 2 " + System.nanoTime(), "PUBLIC", "agc_nonsan-safety");
        Thread.sleep(1500);
        int attemptsWhileDisabled = deliveries.size();
        assertThat(attemptsWhileDisabled).as("only the four failed attempts").isEqualTo(4);
        deliveries.clear();

        receive("/down", 200);
        var fresh = receive("/down", 200);
        as(Viewer.Role.ADMIN).document("mutation($i: UpdateWebhookInput!) { updateWebhook(input: $i) { webhook { enabled consecutiveFailures } } }")
                .variable("i", Map.of("id", id, "enabled", true)).execute()
                .path("updateWebhook.webhook.enabled").entity(Boolean.class).isEqualTo(true);

        assertThat(List.of(next(fresh).json().path("data").path("id").asText(), next(fresh).json().path("data").path("id").asText()))
                .containsExactly(firstIssue, secondIssue);
    }

    @Test
    void aTestEventReachesTheReceiverSigned() throws Exception {
        var deliveries = receive("/ping", 204);
        var created = as(Viewer.Role.ADMIN).document(CREATE).variable("input", Map.of("url", receiver.url("/ping"))).execute();
        var id = created.path("createWebhook.webhook.id").entity(String.class).get();
        var secret = created.path("createWebhook.secret").entity(String.class).get();
        as(Viewer.Role.ADMIN).document("mutation($id: ID!) { testWebhook(id: $id) { ok status error } }").variable("id", id).execute()
                .path("testWebhook.ok").entity(Boolean.class).isEqualTo(true)
                .path("testWebhook.status").entity(Integer.class).isEqualTo(204);
        var ping = next(deliveries);
        assertThat(ping.json().path("kind").asText()).isEqualTo("PING");
        assertThat(WebhookSignature.verify(secret, ping.headers().get("x-citygraph-signature"), ping.body())).isTrue();

        var rotated = as(Viewer.Role.ADMIN).document("mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }").variable("id", id)
                .execute().path("rotateWebhookSecret.secret").entity(String.class).get();
        assertThat(rotated).isNotEqualTo(secret).startsWith("whsec_");
    }

    @Test
    void internalAddressesAreRefusedAndOnlyOwnersManageWebhooks() {
        var id = as(Viewer.Role.ADMIN).document(CREATE).variable("input", Map.of("url", "http://169.254.169.254/latest")).execute()
                .path("createWebhook.webhook.id").entity(String.class).get();
        as(Viewer.Role.ADMIN).document("mutation($id: ID!) { testWebhook(id: $id) { ok error } }").variable("id", id).execute()
                .path("testWebhook.ok").entity(Boolean.class).isEqualTo(false)
                .path("testWebhook.error").entity(String.class).satisfies(e -> assertThat(e).startsWith("BLOCKED_ADDRESS"));

        // a partner neither sees nor touches a webhook that is not its agency's; it reads the same as a missing one
        as(Viewer.Role.PARTNER).document("query($id: ID!) { webhook(id: $id) { id } }").variable("id", id).execute()
                .path("webhook").valueIsNull();
        as(Viewer.Role.PARTNER).document("mutation($id: ID!) { removeWebhook(id: $id) { removedId errors { code } } }").variable("id", id)
                .execute().path("removeWebhook.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        as(Viewer.Role.PARTNER).document("{ webhooks(first: 100) { nodes { id } } }").execute()
                .path("webhooks.nodes[*].id").entityList(String.class).doesNotContain(id);
        as(Viewer.Role.PARTNER).document(CREATE).variable("input", Map.of("url", receiver.url("/x"), "audience", "STAFF")).execute()
                .path("createWebhook.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        as(Viewer.Role.STAFF).document(CREATE).variable("input", Map.of("url", receiver.url("/x"))).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        anonymous().document("{ webhooks { nodes { id } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        as(Viewer.Role.ADMIN).document(CREATE).variable("input", Map.of("url", "ftp://x.example/hook")).execute()
                .path("createWebhook.errors[0].code").entity(String.class).isEqualTo("INVALID_URL");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> state(String id) {
        return as(Viewer.Role.ADMIN).document(STATE).variable("id", id).execute().path("webhook").entity(Map.class).get();
    }
}
