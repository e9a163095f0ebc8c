package org.citygraph.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.api.support.RawWebSocket;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** GraphQL subscriptions over a real WebSocket (graphql-transport-ws) against the running hub. */
class SubscriptionsTest extends ApiTest {

    static final String ISSUE_CHANGED = """
            subscription($f: IssueEventFilter, $after: Long) {
              issueChanged(filter: $f, after: $after) { seq kind changedFields targetIds issue { id title visibility status } }
            }""";

    @Autowired
    EventBus bus;

    @Autowired
    SharedSubscriptions shared;

    final List<Disposable> subscriptions = new ArrayList<>();
    final List<WebSocketGraphQlClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        subscriptions.forEach(Disposable::dispose);
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
    }

    WebSocketGraphQlClient client(String token) {
        var builder = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient());
        if (token != null) {
            builder.interceptor(new WebSocketGraphQlClientInterceptor() {
                @Override
                public Mono<Object> connectionInitPayload() {
                    return Mono.just(Map.of("Authorization", "Bearer " + token));
                }
            });
        }
        var client = builder.build();
        clients.add(client);
        return client;
    }

    /** Subscribes to issueChanged and collects the events; starting from {@code after} closes any race with the writes. */
    BlockingQueue<Map<String, Object>> issueEvents(WebSocketGraphQlClient client, Map<String, Object> filter, long after) {
        var queue = new LinkedBlockingQueue<Map<String, Object>>();
        var variables = new java.util.HashMap<String, Object>();
        variables.put("f", filter);
        variables.put("after", after);
        subscriptions.add(client.document(ISSUE_CHANGED).variables(variables).executeSubscription()
                .map(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = r.field("issueChanged").toEntity(Map.class);
                    return event;
                })
                .subscribe(queue::add, e -> queue.add(Map.of("error", String.valueOf(e.getMessage())))));
        return queue;
    }

    String createIssue(String title, String visibility, String districtId, String severity) {
        return as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", title, "category", "SAFETY", "severity", severity, "visibility", visibility,
                        "ownerId", "agc_nonsan-safety", "districtIds", List.of(districtId)))
                .execute().path("createIssue.issue.id").entity(String.class).get();
    }

    static Map<String, Object> next(BlockingQueue<Map<String, Object>> queue) throws InterruptedException {
        var event = queue.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        assertThat(event).doesNotContainKey("error");
        return event;
    }

    @SuppressWarnings("unchecked")
    static String issueId(Map<String, Object> event) {
        return (String) ((Map<String, Object>) event.get("issue")).get("id");
    }

    @Test
    void eventsArriveOnlyAfterCommitAndOnlyToViewersWhoMaySeeThem() throws Exception {
        long start = Outbox.latest(graph);
        var anonymous = issueEvents(client(null), null, start);
        var staff = issueEvents(client(token(Viewer.Role.STAFF)), null, start);

        var internal = createIssue("내부 검토 사안 " + System.nanoTime(), "INTERNAL", "dst_yeonmu", "LOW");
        // A refused mutation commits nothing, so it emits nothing.
        as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of("title", "없는 곳", "category", "SAFETY",
                "severity", "LOW", "ownerId", "agc_nonsan-safety", "districtIds", List.of("dst_nowhere"))).execute();
        var open = createIssue("공개 사안 " + System.nanoTime(), "PUBLIC", "dst_yeonmu", "LOW");

        var first = next(anonymous);
        assertThat(issueId(first)).isEqualTo(open);
        assertThat(first.get("kind")).isEqualTo("CREATED");
        assertThat(issueId(next(staff))).isEqualTo(internal);
        assertThat(issueId(next(staff))).isEqualTo(open);
        assertThat(anonymous.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void filtersByDistrictIncludingSubDistrictsSeverityAndKind() throws Exception {
        long start = Outbox.latest(graph);
        var cityHigh = issueEvents(client(null), Map.of("districtIds", List.of("dst_nonsan"), "minSeverity", "HIGH"), start);
        var statusOnly = issueEvents(client(null), Map.of("kinds", List.of("STATUS_CHANGED"), "districtIds", List.of("dst_eunjin")), start);

        createIssue("사소한 일 " + System.nanoTime(), "PUBLIC", "dst_eunjin", "LOW");
        var serious = createIssue("중대한 일 " + System.nanoTime(), "PUBLIC", "dst_eunjin", "CRITICAL");
        as(Viewer.Role.STAFF).documentName("changeIssueStatus").variable("input", Map.of("id", serious, "to", "MONITORING")).execute()
                .path("changeIssueStatus.errors").entityList(Object.class).hasSize(0);

        var created = next(cityHigh);
        assertThat(issueId(created)).isEqualTo(serious);
        assertThat(next(cityHigh).get("kind")).isEqualTo("STATUS_CHANGED");
        var status = next(statusOnly);
        assertThat(status.get("kind")).isEqualTo("STATUS_CHANGED");
        assertThat(status.get("changedFields")).isEqualTo(List.of("status"));
        assertThat(cityHigh.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** Subscribes to the live stream only (no {@code after}) with a fixed document, and collects the events. */
    BlockingQueue<Map<String, Object>> liveIssueEvents(WebSocketGraphQlClient client, String document) {
        var queue = new LinkedBlockingQueue<Map<String, Object>>();
        subscriptions.add(client.document(document).executeSubscription()
                .map(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = r.field("issueChanged").toEntity(Map.class);
                    return event;
                })
                .subscribe(queue::add, e -> queue.add(Map.of("error", String.valueOf(e.getMessage())))));
        return queue;
    }

    @Test
    void identicalLiveSubscriptionsShareOneExecutionAndEveryViewerSeesOnlyWhatItMay() throws Exception {
        int running = shared.executions();
        var document = "subscription { issueChanged(filter: {districtIds: [\"dst_gayagok\"]}) { seq kind issue { id visibility } } }";
        var first = liveIssueEvents(client(null), document);
        var second = liveIssueEvents(client(null), document);
        var staff = liveIssueEvents(client(token(Viewer.Role.STAFF)), document);
        // The two anonymous visitors share one execution; the staff member, who sees more, has its own.
        for (int i = 0; i < 100 && shared.executions() < running + 2; i++) {
            Thread.sleep(50);
        }
        assertThat(shared.executions()).isEqualTo(running + 2);
        // Live only: wait until every subscriber receives one change, then count from there.
        var ready = createIssue("공유 구독 준비 " + System.nanoTime(), "PUBLIC", "dst_gayagok", "LOW");
        for (var queue : List.of(first, second, staff)) {
            assertThat(issueId(next(queue))).isEqualTo(ready);
        }

        var internal = createIssue("공유 구독 내부 " + System.nanoTime(), "INTERNAL", "dst_gayagok", "LOW");
        var open = createIssue("공유 구독 공개 " + System.nanoTime(), "PUBLIC", "dst_gayagok", "LOW");
        assertThat(issueId(next(first))).isEqualTo(open);
        assertThat(issueId(next(second))).isEqualTo(open);
        assertThat(issueId(next(staff))).isEqualTo(internal);
        assertThat(issueId(next(staff))).isEqualTo(open);
        assertThat(first.poll(300, TimeUnit.MILLISECONDS)).as("nothing internal for anonymous visitors").isNull();

        // One subscriber leaving stops nothing for the other; the last one leaving ends the execution.
        subscriptions.remove(0).dispose();
        var later = createIssue("공유 구독 이후 " + System.nanoTime(), "PUBLIC", "dst_gayagok", "LOW");
        assertThat(issueId(next(second))).isEqualTo(later);
        subscriptions.forEach(Disposable::dispose);
        for (int i = 0; i < 100 && shared.executions() > running; i++) {
            Thread.sleep(50);
        }
        assertThat(shared.executions()).isEqualTo(running);
    }

    @Test
    void linkAndUnlinkEventsReachSubscribersOfTheTarget() throws Exception {
        var issue = createIssue("연결 알림 " + System.nanoTime(), "PUBLIC", "dst_yeonmu", "MEDIUM");
        long start = Outbox.latest(graph);
        var aboutChaeun = issueEvents(client(null), Map.of("districtIds", List.of("dst_chaeun")), start);
        as(Viewer.Role.STAFF).document("mutation { linkIssue(input: {id: \"" + issue + "\", targetIds: [\"dst_chaeun\"]}) { errors { code } } }").execute();
        as(Viewer.Role.STAFF).document("mutation { unlinkIssue(input: {id: \"" + issue + "\", targetIds: [\"dst_chaeun\"]}) { errors { code } } }").execute();
        var linked = next(aboutChaeun);
        assertThat(linked.get("kind")).isEqualTo("LINKED");
        assertThat(linked.get("targetIds")).isEqualTo(List.of("dst_chaeun"));
        assertThat(next(aboutChaeun).get("kind")).isEqualTo("UNLINKED");
    }

    @Test
    void eventsDeletedFromTheOutboxBeforeDeliveryDoNotStallTheStream() throws Exception {
        long start = Outbox.latest(graph);
        var events = issueEvents(client(null), null, start);
        // Events committed by a writer that never published them, then deleted (say, pruned by an admin).
        graph.write(tx -> Outbox.append(tx, Viewer.SYSTEM, List.of(new Outbox.Pending(EventKind.ISSUE_UPDATED, "iss_gone"),
                new Outbox.Pending(EventKind.ISSUE_UPDATED, "iss_gone"))));
        graph.write(tx -> tx.run("MATCH (e:Event {subjectId: 'iss_gone'}) DELETE e").consume());

        var created = createIssue("구멍 뒤의 사안 " + System.nanoTime(), "PUBLIC", "dst_yeonmu", "LOW");

        assertThat(issueId(next(events))).isEqualTo(created);
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedWithNoGapAndNoDuplicate() throws Exception {
        long start = Outbox.latest(graph);
        var client = client(null);
        var events = issueEvents(client, null, start);
        var a = createIssue("재연결 A " + System.nanoTime(), "PUBLIC", "dst_buchang", "LOW");
        var seen = next(events);
        assertThat(issueId(seen)).isEqualTo(a);
        long lastSeq = ((Number) seen.get("seq")).longValue();
        subscriptions.forEach(Disposable::dispose);
        client.stop().block(Duration.ofSeconds(5));

        var missed = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            missed.add(createIssue("재연결 놓친 것 " + i + " " + System.nanoTime(), "PUBLIC", "dst_buchang", "LOW"));
        }
        var resumed = issueEvents(client(null), null, lastSeq);
        var received = new ArrayList<String>();
        var seqs = new ArrayList<Long>();
        for (int i = 0; i < 3; i++) {
            var event = next(resumed);
            received.add(issueId(event));
            seqs.add(((Number) event.get("seq")).longValue());
        }
        var live = createIssue("재연결 후 실시간 " + System.nanoTime(), "PUBLIC", "dst_buchang", "LOW");
        var liveEvent = next(resumed);
        assertThat(received).containsExactlyElementsOf(missed);
        assertThat(seqs).isSorted().allMatch(s -> s > lastSeq);
        assertThat(issueId(liveEvent)).isEqualTo(live);
        assertThat(resumed.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void resumingFromBeforeTheWindowSaysSo() throws Exception {
        var events = issueEvents(client(null), null, -5);
        var error = events.poll(10, TimeUnit.SECONDS);
        assertThat(error).containsKey("error");
    }

    @Test
    void aSlowClientIsClosedWith4429WhileOthersGetEveryEvent() throws Exception {
        // Each event carries a long summary, so that the slow client's socket buffers fill after a few hundred.
        var issue = as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of(
                        "title", "느린 구독자 " + System.nanoTime(), "summary", "긴 요약 ".repeat(800), "category", "SAFETY",
                        "severity", "LOW", "ownerId", "agc_nonsan-safety", "districtIds", List.of("dst_yeonmu")))
                .execute().path("createIssue.issue.id").entity(String.class).get();
        long start = Outbox.latest(graph);
        var healthy = issueEvents(client(null), Map.of("kinds", List.of("UPDATED")), start);
        try (var slow = RawWebSocket.connect(port, "/graphql", 2048, null)) {
            slow.sendText("{\"type\":\"connection_init\"}");
            assertThat(slow.read(5000).text()).contains("connection_ack");
            slow.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { issueChanged { seq issue { id title summary } } }\"}}");
            Thread.sleep(300);
            // A steady stream of committed events, which the slow client never reads.
            int burst = 4000;
            for (int i = 0; i < burst; i += 100) {
                var pending = new ArrayList<Outbox.Pending>();
                for (int k = 0; k < 100; k++) {
                    pending.add(new Outbox.Pending(EventKind.ISSUE_UPDATED, issue, List.of(), List.of("title")));
                }
                bus.publish(graph.write(tx -> Outbox.append(tx, Viewer.SYSTEM, pending)));
                Thread.sleep(100);
            }
            for (int i = 0; i < burst; i++) {
                var event = healthy.poll(20, TimeUnit.SECONDS);
                assertThat(event).as("event " + i + " for the healthy client").isNotNull().doesNotContainKey("error");
            }
            // Now the slow client reads what was sent before the hub gave up on it, then the close frame.
            int events = 0;
            RawWebSocket.Frame close = null;
            for (var frame = slow.read(20_000); frame != null; frame = slow.read(20_000)) {
                if (frame.isClose()) {
                    close = frame;
                    break;
                }
                events++;
            }
            assertThat(events).as("events the slow client got before it was cut off").isLessThan(burst);
            assertThat(close).as("the slow client's close frame").isNotNull();
            assertThat(close.closeCode()).isEqualTo(4429);
        }
    }

    @Test
    void aBadTokenClosesTheConnectionWith4401() throws Exception {
        try (var socket = RawWebSocket.connect(port, "/graphql", 0, null)) {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer not-a-token\"}}");
            var close = socket.readUntilClose(5000);
            assertThat(close).isNotNull();
            assertThat(close.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosed() throws Exception {
        try (var socket = RawWebSocket.connect(port, "/graphql", 0, null)) {
            var close = socket.readUntilClose(10_000);
            assertThat(close).isNotNull();
            assertThat(close.closeCode()).isEqualTo(4408);
        }
    }

    @Test
    void theNumberOfSubscriptionsPerConnectionIsCapped() throws Exception {
        try (var socket = RawWebSocket.connect(port, "/graphql", 0, null)) {
            socket.sendText("{\"type\":\"connection_init\"}");
            assertThat(socket.read(5000).text()).contains("connection_ack");
            for (int i = 1; i <= 21; i++) {
                socket.sendText("{\"id\":\"s" + i + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { issueChanged { seq } }\"}}");
            }
            String refusal = null;
            for (var frame = socket.read(3000); frame != null; frame = socket.read(1000)) {
                if (frame.text().contains("TOO_MANY_SUBSCRIPTIONS")) {
                    refusal = frame.text();
                    break;
                }
            }
            assertThat(refusal).contains("\"id\":\"s21\"");
        }
    }

    @Test
    void theServerAnswersPings() throws Exception {
        try (var socket = RawWebSocket.connect(port, "/graphql", 0, null)) {
            socket.sendText("{\"type\":\"connection_init\"}");
            assertThat(socket.read(5000).text()).contains("connection_ack");
            socket.sendText("{\"type\":\"ping\"}");
            assertThat(socket.read(5000).text()).contains("pong");
        }
    }
}
