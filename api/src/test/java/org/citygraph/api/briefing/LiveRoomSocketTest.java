package org.citygraph.api.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The live room socket over a real WebSocket against the running hub: the same room as the GraphQL
 * operations (chat kept before it arrives, slides for the presenter only and kept with the minutes,
 * hands, signals to one participant, presence), each event as one JSON frame, and who may not open
 * it at all.
 */
class LiveRoomSocketTest extends ApiTest {

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    final List<Live> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(s -> s.socket.abort());
    }

    /** A live socket client: its frames in order, and how it closed. */
    final class Live implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder parts = new StringBuilder();
        WebSocket socket;
        int ref;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                frames.add(read(parts.toString()));
                parts.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(Map<String, Object> message) {
            socket.sendText(JSON.valueToTree(message).toString(), true).join();
        }

        /** Sends a message with a ref and waits for its reply (events in between stay queued). */
        JsonNode ask(Map<String, Object> message) throws InterruptedException {
            var r = "r" + (++ref);
            var withRef = new java.util.HashMap<>(message);
            withRef.put("ref", r);
            send(withRef);
            return next(f -> "reply".equals(f.path("type").asText()) && r.equals(f.path("ref").asText()));
        }

        JsonNode next(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            var skipped = new ArrayList<JsonNode>();
            try {
                while (System.nanoTime() < deadline) {
                    var frame = frames.poll(100, TimeUnit.MILLISECONDS);
                    if (frame == null) {
                        continue;
                    }
                    if (wanted.test(frame)) {
                        return frame;
                    }
                    skipped.add(frame);
                }
                throw new AssertionError("no such frame within 10 s; got " + skipped);
            } finally {
                // what was skipped stays for later questions, in order
                var rest = new ArrayList<JsonNode>();
                frames.drainTo(rest);
                frames.addAll(skipped);
                frames.addAll(rest);
            }
        }

        JsonNode event(String kind) throws InterruptedException {
            return next(f -> "event".equals(f.path("type").asText()) && kind.equals(f.path("kind").asText()));
        }
    }

    Live open(String briefingId, Map<String, String> headers) {
        var live = new Live();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        live.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/briefings/" + briefingId + "/live"), live).join();
        sockets.add(live);
        return live;
    }

    Live open(String briefingId, String token) throws InterruptedException {
        var live = open(briefingId, Map.of("Authorization", "Bearer " + token));
        assertThat(live.next(f -> true).path("type").asText()).isEqualTo("ready");
        return live;
    }

    String userId(String token) {
        return read(get("/api/auth/me", Map.of("Authorization", "Bearer " + token)).body()).path("id").asText();
    }

    String schedule(List<String> invitees) {
        return as(Viewer.Role.STAFF).document("""
                        mutation($i: CreateBriefingInput!) { createBriefing(input: $i) { briefing { id } errors { code } } }""")
                .variable("i", Map.of("title", "실시간 회의실 " + System.nanoTime(), "scheduledStart", OffsetDateTime.now().toString(),
                        "inviteeIds", invitees))
                .execute().path("createBriefing.briefing.id").entity(String.class).get();
    }

    void start(String id) {
        as(Viewer.Role.STAFF).document("mutation($id: ID!) { startBriefing(id: $id) { errors { code } } }").variable("id", id).execute()
                .path("startBriefing.errors").entityList(Object.class).hasSize(0);
    }

    @Test
    void twoPeopleChatFollowSlidesSignalAndLeaveOverTheLiveSocket() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var partnerToken = token(Viewer.Role.PARTNER);
        var hostId = userId(staffToken);
        var partnerId = userId(partnerToken);
        var id = schedule(List.of(partnerId));
        start(id);
        as(Viewer.Role.STAFF).document("""
                        mutation($i: AddBriefingSlidesInput!) { addBriefingSlides(input: $i) { errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "slides", List.of(Map.of("kind", "DECK_PAGE", "deckPage", 1, "title", "표지"),
                        Map.of("kind", "DECK_PAGE", "deckPage", 2, "title", "수위 현황"))))
                .execute().path("addBriefingSlides.errors").entityList(Object.class).hasSize(0);

        var host = open(id, staffToken);
        var partner = open(id, partnerToken);
        assertThat(host.ask(Map.of("type", "join")).path("errors")).isEmpty();
        var joined = partner.ask(Map.of("type", "join"));
        assertThat(joined.path("errors")).isEmpty();
        assertThat(joined.path("room").path("participants").findValuesAsText("id")).containsExactly(hostId, partnerId);
        var seen = host.next(f -> "JOINED".equals(f.path("kind").asText()) && partnerId.equals(f.path("subjectId").asText()));
        assertThat(seen.path("room").path("participants")).hasSize(2);

        // chat: answered once kept, arrives at both, and is in the graph
        var sent = partner.ask(Map.of("type", "chat", "text", "둑 수위 3.2m"));
        assertThat(sent.path("errors")).isEmpty();
        assertThat(count("MATCH (:Briefing {id: $id})-[:HAS_CHAT]->(c:ChatMessage {text: '둑 수위 3.2m'}) RETURN count(c)",
                Map.of("id", id))).isEqualTo(1);
        var chat = host.event("CHAT").path("chat");
        assertThat(chat.path("text").asText()).isEqualTo("둑 수위 3.2m");
        assertThat(chat.path("author").path("id").asText()).isEqualTo(partnerId);
        assertThat(partner.event("CHAT").path("chat").path("id").asText()).isEqualTo(sent.path("message").path("id").asText());

        // slides: only the presenter moves them; the move is kept with the minutes
        assertThat(partner.ask(Map.of("type", "slide", "position", 1)).path("errors").path(0).path("code").asText())
                .isEqualTo("NOT_PRESENTER");
        assertThat(host.ask(Map.of("type", "slide", "position", 5)).path("errors").path(0).path("code").asText())
                .isEqualTo("OUT_OF_RANGE");
        assertThat(host.ask(Map.of("type", "slide", "position", 1)).path("room").path("currentSlide").asInt()).isEqualTo(1);
        assertThat(partner.event("SLIDE_CHANGED").path("slide").asInt()).isEqualTo(1);
        as(Viewer.Role.STAFF).document("query($id: ID!) { briefing(id: $id) { minutes { slidesShown { title byName } } } }")
                .variable("id", id).execute().path("briefing.minutes.slidesShown[0].title").entity(String.class).isEqualTo("수위 현황");

        // a hand goes up; a heartbeat is answered
        partner.send(Map.of("type", "hand", "raised", true));
        assertThat(host.event("HAND_CHANGED").path("room").toString()).contains("\"handRaised\":true");
        assertThat(host.ask(Map.of("type", "heartbeat")).path("errors")).isEmpty();

        // a signal reaches only the one it is addressed to
        var signal = host.ask(Map.of("type", "signal", "toId", partnerId, "kind", "OFFER", "payload", "{\"sdp\":\"v=0\"}"));
        assertThat(signal.path("delivered").asBoolean()).isTrue();
        var offer = partner.event("SIGNAL").path("signal");
        assertThat(offer.path("fromId").asText()).isEqualTo(hostId);
        assertThat(offer.path("payload").asText()).isEqualTo("{\"sdp\":\"v=0\"}");
        assertThat(host.ask(Map.of("type", "signal", "toId", partnerId, "kind", "BOGUS", "payload", "{}"))
                .path("errors").path(0).path("code").asText()).isEqualTo("INVALID");
        // the host's own frames hold no signal addressed to the partner
        partner.send(Map.of("type", "chat", "text", "marker"));
        host.next(f -> "CHAT".equals(f.path("kind").asText()) && "marker".equals(f.path("chat").path("text").asText()));
        assertThat(host.frames).noneMatch(f -> "SIGNAL".equals(f.path("kind").asText()));

        // a GraphQL moderation reaches the live socket too
        as(Viewer.Role.STAFF).document("""
                        mutation($i: ModerateBriefingInput!) { moderateBriefing(input: $i) { errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "userId", partnerId, "action", "ASK_TO_MUTE")).execute()
                .path("moderateBriefing.errors").entityList(Object.class).hasSize(0);
        assertThat(partner.event("MUTE_REQUESTED").path("subjectId").asText()).isEqualTo(partnerId);

        // the partner's socket vanishes: the host sees them leave within seconds
        long closed = System.nanoTime();
        partner.socket.abort();
        var left = host.next(f -> "LEFT".equals(f.path("kind").asText()));
        assertThat(left.path("subjectId").asText()).isEqualTo(partnerId);
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.ask(Map.of("type", "signal", "toId", partnerId, "kind", "ICE", "payload", "{}"))
                .path("errors").path(0).path("code").asText()).isEqualTo("NOT_IN_ROOM");

        // the briefing ends: the host's socket gets ENDED, then closes normally
        as(Viewer.Role.STAFF).document("mutation($id: ID!) { endBriefing(id: $id) { errors { code } } }").variable("id", id).execute();
        host.event("ENDED");
        assertThat(host.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void whoMayNotEnterCannotOpenTheSocketNorJoinChatOrSignal() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var partnerId = userId(token(Viewer.Role.PARTNER));
        var id = schedule(List.of(partnerId));
        var hostId = userId(staffToken);

        // not live yet
        var early = open(id, Map.of("Authorization", "Bearer " + staffToken));
        assertThat(early.next(f -> true).path("code").asText()).isEqualTo("NOT_LIVE");
        assertThat(early.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4409);
        start(id);
        var host = open(id, staffToken);
        host.ask(Map.of("type", "join"));

        // an uninvited partner: refused at once, whatever they send
        var username = "live-outsider";
        if (users.credentials(username).isEmpty()) {
            users.create(username, "초대받지 않은 사람", Viewer.Role.PARTNER, "agc_nonsan-fire", encoder.encode(PASSWORD));
        }
        var outsiderToken = login(username, PASSWORD).path("token").asText();
        var outsider = open(id, Map.of("Authorization", "Bearer " + outsiderToken));
        var refusal = outsider.next(f -> true);
        assertThat(refusal.path("type").asText()).isEqualTo("closing");
        assertThat(refusal.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(outsider.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);
        // nor does an id that is not a briefing tell anything else
        var nowhere = open("brf_nowhere", Map.of("Authorization", "Bearer " + outsiderToken));
        assertThat(nowhere.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);

        // no credentials, or the session cookie from another site's page: not logged in
        var anonymous = open(id, Map.of());
        assertThat(anonymous.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        var hijack = open(id, Map.of("Cookie", "CITYGRAPH_SESSION=" + staffToken, "Origin", "https://evil.example"));
        assertThat(hijack.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);

        // the outsider never saw a thing, and nothing of theirs was kept or relayed
        assertThat(outsider.frames).isEmpty();
        host.send(Map.of("type", "chat", "text", "내부 논의"));
        host.event("CHAT");
        assertThat(count("MATCH (:Briefing {id: $id})-[:HAS_CHAT]->(c:ChatMessage) RETURN count(c)", Map.of("id", id))).isEqualTo(1);
        assertThat(host.frames).noneMatch(f -> "SIGNAL".equals(f.path("kind").asText()) || "JOINED".equals(f.path("kind").asText())
                && !hostId.equals(f.path("subjectId").asText()));
    }

    @Test
    void aParticipantRemovedByTheHostLosesTheSocket() throws Exception {
        var staffToken = token(Viewer.Role.STAFF);
        var partnerToken = token(Viewer.Role.PARTNER);
        var partnerId = userId(partnerToken);
        var id = schedule(List.of(partnerId));
        start(id);
        var partner = open(id, partnerToken);
        partner.ask(Map.of("type", "join"));
        as(Viewer.Role.STAFF).document("""
                        mutation($i: ModerateBriefingInput!) { moderateBriefing(input: $i) { errors { code } } }""")
                .variable("i", Map.of("briefingId", id, "userId", partnerId, "action", "REMOVE")).execute()
                .path("moderateBriefing.errors").entityList(Object.class).hasSize(0);
        assertThat(partner.event("REMOVED").path("subjectId").asText()).isEqualTo(partnerId);
        assertThat(partner.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        var again = open(id, Map.of("Authorization", "Bearer " + partnerToken));
        assertThat(again.next(f -> true).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(again.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);
    }

    @Test
    void theLiveSocketSendsItsSmallFramesUncompressed() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /api/briefings/brf_nowhere/live HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            var head = new StringBuilder();
            for (var line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("permessage-deflate");
        }
    }
}
