package org.citygraph.api.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Briefings end to end over real HTTP and a real WebSocket: scheduling with its refusals, the live
 * room (presence, chat kept in the graph, hands, moderation, slides, signals to one participant),
 * the minutes, the deck's checks, and who may not get in.
 */
class BriefingsTest extends ApiTest {

    static final String EVENTS = """
            subscription($id: ID!) {
              briefingEvents(id: $id) {
                kind subjectId slide actor { id name }
                chat { id text author { id } }
                signal { fromId kind payload }
                room { presenterId currentSlide participants { person { id } handRaised presenter media } }
              }
            }""";

    static final String CREATE = """
            mutation($i: CreateBriefingInput!) {
              createBriefing(input: $i) {
                briefing { id status host { id } agenda { position title issue { id } } invitees { id agency { id } } }
                errors { field code message }
              }
            }""";

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    final List<Disposable> subscriptions = new ArrayList<>();
    final List<WebSocketGraphQlClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        subscriptions.forEach(Disposable::dispose);
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
    }

    /** A partner account of the fire service that nobody invites. */
    String outsiderToken() {
        var username = "test-outsider";
        if (users.credentials(username).isEmpty()) {
            users.create(username, "초대받지 않은 사람", Viewer.Role.PARTNER, "agc_nonsan-fire", encoder.encode(PASSWORD));
        }
        return login(username, PASSWORD).path("token").asText();
    }

    String userId(String token) {
        return read(get("/api/auth/me", Map.of("Authorization", "Bearer " + token)).body()).path("id").asText();
    }

    WebSocketGraphQlClient socket(String token) {
        var client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql"), new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                }).build();
        clients.add(client);
        return client;
    }

    BlockingQueue<Map<String, Object>> events(WebSocketGraphQlClient client, String briefingId) {
        var queue = new LinkedBlockingQueue<Map<String, Object>>();
        subscriptions.add(client.document(EVENTS).variable("id", briefingId).executeSubscription()
                .subscribe(r -> {
                    if (r.getErrors().isEmpty()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> event = r.field("briefingEvents").toEntity(Map.class);
                        queue.add(event);
                    } else {
                        queue.add(Map.of("error", r.getErrors().get(0).getExtensions().getOrDefault("code", "?")));
                    }
                }, e -> queue.add(Map.of("error", String.valueOf(e.getMessage())))));
        return queue;
    }

    static ClientGraphQlResponse run(WebSocketGraphQlClient client, String document, Map<String, Object> variables) {
        return client.document(document).variables(variables).execute().block(Duration.ofSeconds(10));
    }

    /** The next event of a kind, skipping others (presence events of earlier steps, for one). */
    static Map<String, Object> next(BlockingQueue<Map<String, Object>> queue, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var event = queue.poll(200, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            assertThat(event).doesNotContainKey("error");
            if (kind.equals(event.get("kind"))) {
                return event;
            }
        }
        throw new AssertionError("no " + kind + " event within 10 s");
    }

    String scheduleAndStart(String staff, List<String> invitees) {
        var created = as(Viewer.Role.STAFF).document(CREATE).variable("i", Map.of("title", "강경 침수 대응 회의 " + System.nanoTime(),
                        "purpose", "대응 점검", "scheduledStart", OffsetDateTime.now().plusHours(1).toString(),
                        "agenda", List.of(Map.of("title", "현황", "issueId", "iss_ganggyeong-flood", "minutes", 10)),
                        "inviteeIds", invitees))
                .execute().path("createBriefing.errors").entityList(Object.class).hasSize(0)
                .path("createBriefing.briefing.id").entity(String.class).get();
        as(Viewer.Role.STAFF).document("mutation($id: ID!) { startBriefing(id: $id) { briefing { status } errors { code } } }")
                .variable("id", created).execute().path("startBriefing.briefing.status").entity(String.class).isEqualTo("LIVE");
        return created;
    }

    @Test
    void schedulingRefusesBadInputAndWritesNothing() {
        long before = count("MATCH (b:Briefing) RETURN count(b)", Map.of());
        as(Viewer.Role.STAFF).document(CREATE).variable("i", Map.of("title", " ", "scheduledStart", "2026-12-01T10:00:00+09:00",
                        "agenda", List.of(Map.of("title", "없는 사안", "issueId", "iss_nowhere")),
                        "inviteeIds", List.of("usr_nobody")))
                .execute().path("createBriefing.briefing").valueIsNull()
                .path("createBriefing.errors[*].code").entityList(String.class).contains("REQUIRED");
        as(Viewer.Role.STAFF).document(CREATE).variable("i", Map.of("title", "회의", "scheduledStart", "2026-12-01T10:00:00+09:00",
                        "agenda", List.of(Map.of("title", "없는 사안", "issueId", "iss_nowhere"))))
                .execute().path("createBriefing.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        // partners are invited; they do not schedule
        as(Viewer.Role.PARTNER).document(CREATE).variable("i", Map.of("title", "회의", "scheduledStart", "2026-12-01T10:00:00+09:00"))
                .execute().errors().expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code"))).verify();
        assertThat(count("MATCH (b:Briefing) RETURN count(b)", Map.of())).isEqualTo(before);
    }

    @Test
    void twoPeopleMeetChatFollowSlidesSignalAndLeave() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var partnerToken = token(Viewer.Role.PARTNER);
        var hostId = userId(staffToken);
        var partnerId = userId(partnerToken);
        var id = scheduleAndStart(staffToken, List.of(partnerId));

        var host = socket(staffToken);
        var partner = socket(partnerToken);
        var hostEvents = events(host, id);
        var partnerEvents = events(partner, id);
        assertThat(run(host, "mutation($id: ID!) { joinBriefing(id: $id) { errors { code } } }", Map.of("id", id))
                .field("joinBriefing.errors").toEntityList(Object.class)).isEmpty();
        next(hostEvents, "JOINED");
        run(partner, "mutation($id: ID!) { joinBriefing(id: $id) { room { participants { person { id } } } errors { code } } }",
                Map.of("id", id));
        var joined = next(hostEvents, "JOINED");
        assertThat(joined.get("subjectId")).isEqualTo(partnerId);
        assertThat(participants(joined)).containsExactly(hostId, partnerId);

        // chat arrives and is kept with the briefing
        run(partner, "mutation($i: SendBriefingChatInput!) { sendBriefingChat(input: $i) { message { id } errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "text", "현장 수위 3.2m 입니다")));
        var chat = next(hostEvents, "CHAT");
        assertThat(((Map<?, ?>) chat.get("chat")).get("text")).isEqualTo("현장 수위 3.2m 입니다");
        as(Viewer.Role.STAFF).document("query($id: ID!) { briefing(id: $id) { chat(last: 10) { nodes { text author { id } } } } }")
                .variable("id", id).execute().path("briefing.chat.nodes[0].author.id").entity(String.class).isEqualTo(partnerId);

        // the host adds slides and shows the second; the partner follows
        as(Viewer.Role.STAFF).document("""
                        mutation($i: AddBriefingSlidesInput!) { addBriefingSlides(input: $i) { briefing { slides { position kind } } errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "slides", List.of(
                        Map.of("kind", "DECK_PAGE", "deckPage", 1, "title", "표지"),
                        Map.of("kind", "LIVE_DATA", "title", "읍면동별 미해결 사안", "view", "BAR", "valuePath", "issueCounts",
                                "query", "{ issueCounts(by: DISTRICT, filter: {openOnly: true}) { key label count } }"))))
                .execute().path("addBriefingSlides.briefing.slides").entityList(Object.class).hasSize(2);
        next(partnerEvents, "SLIDES_CHANGED");
        // only the presenter moves the slides
        assertThat(run(partner, "mutation($i: ShowBriefingSlideInput!) { showBriefingSlide(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "position", 1))).field("showBriefingSlide.errors[0].code").toEntity(String.class))
                .isEqualTo("NOT_PRESENTER");
        run(host, "mutation($i: ShowBriefingSlideInput!) { showBriefingSlide(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "position", 1)));
        assertThat(next(partnerEvents, "SLIDE_CHANGED").get("slide")).isEqualTo(1);

        // a hand goes up; the host hands over the presenter role and asks to mute
        run(partner, "mutation($i: SetBriefingHandInput!) { setBriefingHand(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "raised", true)));
        assertThat(next(hostEvents, "HAND_CHANGED").toString()).contains("handRaised=true");
        run(host, "mutation($i: ModerateBriefingInput!) { moderateBriefing(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "userId", partnerId, "action", "MAKE_PRESENTER")));
        assertThat(((Map<?, ?>) next(partnerEvents, "PRESENTER_CHANGED").get("room")).get("presenterId")).isEqualTo(partnerId);
        run(host, "mutation($i: ModerateBriefingInput!) { moderateBriefing(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "userId", partnerId, "action", "ASK_TO_MUTE")));
        assertThat(next(partnerEvents, "MUTE_REQUESTED").get("subjectId")).isEqualTo(partnerId);
        // a partner who is not the host cannot moderate
        var denied = run(partner, "mutation($i: ModerateBriefingInput!) { moderateBriefing(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "userId", hostId, "action", "ASK_TO_MUTE"))).getErrors();
        assertThat(denied).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");

        // a WebRTC offer reaches the one it is addressed to
        var sent = run(host, "mutation($i: SendBriefingSignalInput!) { sendBriefingSignal(input: $i) { delivered errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "toId", partnerId, "kind", "OFFER", "payload", "{\"sdp\":\"v=0\"}")));
        assertThat(sent.field("sendBriefingSignal.delivered").toEntity(Boolean.class)).isTrue();
        var signal = (Map<?, ?>) next(partnerEvents, "SIGNAL").get("signal");
        assertThat(signal.get("fromId")).isEqualTo(hostId);
        assertThat(signal.get("payload")).isEqualTo("{\"sdp\":\"v=0\"}");

        // the partner's browser vanishes: the host sees them leave within seconds
        long closed = System.nanoTime();
        partner.stop().block(Duration.ofSeconds(5));
        var left = next(hostEvents, "LEFT");
        assertThat(left.get("subjectId")).isEqualTo(partnerId);
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(5));
        assertThat(participants(left)).containsExactly(hostId);
        // no further signals reach someone who left
        var late = run(host, "mutation($i: SendBriefingSignalInput!) { sendBriefingSignal(input: $i) { delivered errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "toId", partnerId, "kind", "ICE", "payload", "{}")));
        assertThat(late.field("sendBriefingSignal.errors[0].code").toEntity(String.class)).isEqualTo("NOT_IN_ROOM");

        // the minutes: decisions and action items linked to issues and agencies, attendance, slides shown
        as(Viewer.Role.STAFF).document("""
                        mutation($i: RecordBriefingDecisionInput!) { recordBriefingDecision(input: $i) { decision { issues { id } agencies { id } } errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "text", "강경읍 저지대 대피 권고", "issueIds", List.of("iss_ganggyeong-flood"),
                        "agencyIds", List.of("agc_nonsan-police")))
                .execute().path("recordBriefingDecision.decision.agencies[0].id").entity(String.class).isEqualTo("agc_nonsan-police");
        as(Viewer.Role.STAFF).document("""
                        mutation($i: AddBriefingActionItemInput!) { addBriefingActionItem(input: $i) { actionItem { owner { id } due } errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "text", "배수 펌프 추가 배치", "ownerAgencyId", "agc_nonsan-police",
                        "due", "2026-12-02", "issueIds", List.of("iss_ganggyeong-flood")))
                .execute().path("addBriefingActionItem.actionItem.due").entity(String.class).isEqualTo("2026-12-02");
        as(Viewer.Role.STAFF).document("mutation($id: ID!) { endBriefing(id: $id) { briefing { status } errors { code } } }")
                .variable("id", id).execute().path("endBriefing.briefing.status").entity(String.class).isEqualTo("ENDED");
        next(hostEvents, "ENDED");
        var minutes = as(Viewer.Role.STAFF).document("""
                        query($id: ID!) { briefing(id: $id) { minutes {
                          decisions { text issues { id } } actionItems { text owner { id } issues { id } }
                          attendance { person { id } joinedAt leftAt } slidesShown { position title byName } } } }""")
                .variable("id", id).execute();
        minutes.path("briefing.minutes.decisions[0].issues[0].id").entity(String.class).isEqualTo("iss_ganggyeong-flood");
        minutes.path("briefing.minutes.actionItems[0].owner.id").entity(String.class).isEqualTo("agc_nonsan-police");
        minutes.path("briefing.minutes.attendance[*].person.id").entityList(String.class).containsExactly(hostId, partnerId);
        minutes.path("briefing.minutes.attendance[*].leftAt").entityList(String.class).hasSize(2);
        minutes.path("briefing.minutes.slidesShown[0].title").entity(String.class).isEqualTo("읍면동별 미해결 사안");
    }

    @Test
    void anUninvitedUserCannotJoinSignalReadTheChatOrFetchTheDeck() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var partnerId = userId(token(Viewer.Role.PARTNER));
        var id = scheduleAndStart(staffToken, List.of(partnerId));
        var hostId = userId(staffToken);
        var host = socket(staffToken);
        run(host, "mutation($id: ID!) { joinBriefing(id: $id) { errors { code } } }", Map.of("id", id));
        run(host, "mutation($i: SendBriefingChatInput!) { sendBriefingChat(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "text", "내부 논의")));

        var outsider = outsiderToken();
        var http = anonymous().mutate().header("Authorization", "Bearer " + outsider).build();
        http.document("query($id: ID!) { briefing(id: $id) { id chat(last: 5) { nodes { text } } } node(id: $id) { id } }")
                .variable("id", id).execute().path("briefing").valueIsNull().path("node").valueIsNull();
        http.document("{ briefings { nodes { id } } }").execute().path("briefings.nodes[*].id").entityList(String.class)
                .doesNotContain(id);
        var ws = socket(outsider);
        assertThat(run(ws, "mutation($id: ID!) { joinBriefing(id: $id) { room { presenterId } errors { code } } }", Map.of("id", id))
                .field("joinBriefing.errors[0].code").toEntity(String.class)).isEqualTo("NOT_FOUND");
        assertThat(run(ws, "mutation($i: SendBriefingSignalInput!) { sendBriefingSignal(input: $i) { delivered errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "toId", hostId, "kind", "OFFER", "payload", "{}")))
                .field("sendBriefingSignal.errors[0].code").toEntity(String.class)).isEqualTo("NOT_IN_ROOM");
        assertThat(run(ws, "mutation($i: SendBriefingChatInput!) { sendBriefingChat(input: $i) { errors { code } } }",
                Map.of("i", Map.of("briefingId", id, "text", "들어가도 될까요"))).field("sendBriefingChat.errors[0].code")
                .toEntity(String.class)).isEqualTo("NOT_IN_ROOM");
        var refused = new LinkedBlockingQueue<Map<String, Object>>();
        subscriptions.add(ws.document(EVENTS).variable("id", id).executeSubscription()
                .subscribe(r -> refused.add(Map.of("errors", r.getErrors().stream().map(e -> e.getExtensions().get("code")).toList())),
                        e -> refused.add(Map.of("failed", String.valueOf(e.getMessage())))));
        var answer = refused.poll(10, TimeUnit.SECONDS);
        assertThat(answer).isNotNull();
        assertThat(answer.toString()).contains("FORBIDDEN");
        assertThat(count("MATCH (:Briefing {id: $id})-[:HAS_CHAT]->(c:ChatMessage) RETURN count(c)", Map.of("id", id))).isEqualTo(1);

        // the deck: only a real PDF is kept, and only those who may enter can fetch it
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(put(id, "<html>not a deck</html>".getBytes(StandardCharsets.UTF_8), "application/pdf", staffToken).statusCode())
                .isEqualTo(415);
        assertThat(put(id, pdf, "text/plain", staffToken).statusCode()).isEqualTo(415);
        assertThat(put(id, pdf, "application/pdf", outsider).statusCode()).isEqualTo(404);
        assertThat(put(id, pdf, "application/pdf", staffToken).statusCode()).isEqualTo(200);
        assertThat(get("/api/briefings/" + id + "/deck", Map.of("Authorization", "Bearer " + token(Viewer.Role.PARTNER))).body())
                .startsWith("%PDF-1.4");
        assertThat(get("/api/briefings/" + id + "/deck", Map.of("Authorization", "Bearer " + outsider)).statusCode()).isEqualTo(404);
    }

    @Test
    void aParticipantWhoStopsSendingHeartbeatsIsTakenOut() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var adminToken = token(Viewer.Role.ADMIN);
        var id = scheduleAndStart(staffToken, List.of());
        var host = socket(staffToken);
        var hostEvents = events(host, id);
        run(host, "mutation($id: ID!) { joinBriefing(id: $id) { errors { code } } }", Map.of("id", id));
        // the admin joins over HTTP and never sends a heartbeat
        var admin = anonymous().mutate().header("Authorization", "Bearer " + adminToken).build();
        admin.document("mutation($id: ID!) { joinBriefing(id: $id) { room { heartbeatSeconds } errors { code } } }")
                .variable("id", id).execute().path("joinBriefing.errors").entityList(Object.class).hasSize(0);
        var adminId = userId(adminToken);
        assertThat(next(hostEvents, "JOINED").get("subjectId")).isEqualTo(userId(staffToken));
        assertThat(next(hostEvents, "JOINED").get("subjectId")).isEqualTo(adminId);
        // the host keeps sending them; the admin is gone after the presence timeout (3 s in tests)
        for (int i = 0; i < 7; i++) {
            run(host, "mutation($id: ID!) { briefingHeartbeat(id: $id) { errors { code } } }", Map.of("id", id));
            Thread.sleep(700);
        }
        var left = next(hostEvents, "LEFT");
        assertThat(left.get("subjectId")).isEqualTo(adminId);
        admin.document("mutation($id: ID!) { briefingHeartbeat(id: $id) { errors { code } } }").variable("id", id).execute()
                .path("briefingHeartbeat.errors[0].code").entity(String.class).isEqualTo("NOT_IN_ROOM");
        as(Viewer.Role.STAFF).document("mutation($id: ID!) { endBriefing(id: $id) { errors { code } } }").variable("id", id).execute();
        // scheduling is audited; the room's heartbeats are not (they would flood the log)
        assertThat(count("MATCH (a:AuditEntry {action: 'startBriefing', subjectId: $id}) RETURN count(a)", Map.of("id", id))).isEqualTo(1);
        assertThat(count("MATCH (a:AuditEntry {action: 'briefingHeartbeat'}) RETURN count(a)", Map.of())).isZero();
    }

    @SuppressWarnings("unchecked")
    static List<String> participants(Map<String, Object> event) {
        var room = (Map<String, Object>) event.get("room");
        return ((List<Map<String, Object>>) room.get("participants")).stream()
                .map(p -> (String) ((Map<String, Object>) p.get("person")).get("id")).toList();
    }

    HttpResponse<String> put(String id, byte[] body, String type, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/briefings/" + id + "/deck"))
                    .header("Content-Type", type).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
