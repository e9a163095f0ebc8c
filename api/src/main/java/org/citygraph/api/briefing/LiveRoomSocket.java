package org.citygraph.api.briefing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.citygraph.api.graphql.Forbidden;
import org.citygraph.api.graphql.UserError;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.websocket.SendResult;

/**
 * The live room socket, {@code /api/briefings/{id}/live}: one briefing's room over plain JSON
 * messages, for the traffic that comes often (presence, chat, hands, slides, WebRTC signals). It
 * does what the GraphQL operations of the room do, through the same controller methods and so by
 * the same rules, without a GraphQL execution per message: each room event is serialized once and
 * the same frame goes to every connection of the room ({@link BriefingRooms#attach}), signals only
 * to whom they are addressed.
 *
 * <p>The caller is authenticated at the handshake ({@link LiveRoomHandshake}); the socket opens only
 * for a person who may enter the briefing while it is live, else it closes with 4401 (not logged
 * in, or the token expired), 4403 (may not enter, or removed) or 4409 (not live), after a
 * {@code closing} frame saying why. Client messages are {@code {"type": ..., "ref": ...}}; each with
 * a {@code ref}, or refused, is answered by a {@code reply} frame with that ref and the refusals. The
 * protocol is described in the README ("Live briefing rooms").
 */
@Component
class LiveRoomSocket implements WebSocketHandler, DisposableBean {

    static final CloseStatus UNAUTHENTICATED = new CloseStatus(4401, "Unauthorized");
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Unauthorized: the token expired");
    static final CloseStatus FORBIDDEN = new CloseStatus(4403, "Forbidden");
    static final CloseStatus NOT_LIVE = new CloseStatus(4409, "The briefing is not live");
    static final CloseStatus TOO_SLOW = new CloseStatus(4429, "Too many unsent messages: reconnect");
    /** The room's events for this connection are over (the briefing ended, or the host removed them). */
    static final CloseStatus OVER = new CloseStatus(1000, "The room's events are over");

    /** Frames waiting for a client that reads slowly, before it is cut off. */
    static final int SEND_QUEUE = 2000;
    /** A signal's payload (64 KiB) and its envelope. */
    static final int MAX_MESSAGE_CHARS = BriefingController.MAX_SIGNAL + 4096;

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoomSocket.class);
    private static final List<String> SIGNAL_KINDS = List.of("OFFER", "ANSWER", "ICE");

    private final BriefingController controller;
    private final BriefingRooms rooms;
    private final LiveFrames frames;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "briefing-live-closer");
        thread.setDaemon(true);
        return thread;
    });

    LiveRoomSocket(BriefingController controller, BriefingRooms rooms, LiveFrames frames) {
        this.controller = controller;
        this.rooms = rooms;
        this.frames = frames;
    }

    /**
     * One connection: who, which room, and its sends, which never block. Frames go out one at a time
     * with the container's asynchronous send; while one is on the wire the next wait in a queue, and
     * a client that lets it fill up is closed (4429), so one slow reader holds no shared thread.
     */
    final class Connection implements BriefingRooms.LiveListener {
        final WebSocketSession session;
        final Viewer viewer;
        final String briefingId;
        final Instant expiresAt;
        final StringBuilder parts = new StringBuilder();
        private final jakarta.websocket.RemoteEndpoint.Async remote;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;
        private boolean closed;
        private CloseStatus closeWhenSent;
        volatile boolean attached;
        volatile ScheduledFuture<?> expiry;

        Connection(WebSocketSession session, Viewer viewer, String briefingId, Instant expiresAt) {
            this.session = session;
            this.viewer = viewer;
            this.briefingId = briefingId;
            this.expiresAt = expiresAt;
            this.remote = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class).getAsyncRemote();
        }

        @Override
        public String userId() {
            return viewer.userId();
        }

        @Override
        public void send(String frame, boolean last) {
            send(frame, last ? OVER : null);
        }

        /** Sends a frame, then closes with {@code then} when it is given. */
        void send(String frame, CloseStatus then) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (then != null) {
                    closed = true;
                    closeWhenSent = then;
                }
                if (sending) {
                    if (queue.size() >= SEND_QUEUE) {
                        closed = true;
                        closeWhenSent = null;
                        queue.clear();
                        close(TOO_SLOW);
                        return;
                    }
                    queue.addLast(frame);
                    return;
                }
                sending = true;
            }
            write(frame);
        }

        private void write(String frame) {
            try {
                remote.sendText(frame, this::sent);
            } catch (RuntimeException e) {
                // the socket closed under us: nothing more goes out
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    closeWhenSent = null;
                }
            }
        }

        private void sent(SendResult result) {
            String next;
            synchronized (this) {
                if (!result.isOK()) {
                    closed = true;
                    queue.clear();
                    closeWhenSent = null;
                }
                next = queue.pollFirst();
                if (next == null) {
                    sending = false;
                    if (closeWhenSent != null) {
                        close(closeWhenSent);
                        closeWhenSent = null;
                    }
                    return;
                }
            }
            write(next);
        }

        /** Closes off the caller's thread: a close frame may wait behind a slow client's unsent data. */
        void close(CloseStatus status) {
            closer.execute(() -> {
                try {
                    if (session.isOpen()) {
                        session.close(status);
                    }
                } catch (IOException | IllegalStateException e) {
                    LOG.debug("Closing a live room socket failed: {}", e.getMessage());
                }
            });
        }

        void refuse(CloseStatus status, String code, String message) {
            send(frames.refusal(code, message), status);
        }

        void answer(String ref, List<UserError> errors, Map<String, Object> result) {
            if (ref != null || !errors.isEmpty()) {
                send(frames.reply(ref, errors, result), null);
            }
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        var attributes = session.getAttributes();
        var viewer = (Viewer) attributes.get(LiveRoomHandshake.VIEWER);
        var briefingId = (String) attributes.get(LiveRoomHandshake.BRIEFING);
        var connection = new Connection(session, viewer == null ? Viewer.ANONYMOUS : viewer, briefingId,
                (Instant) attributes.get(LiveRoomHandshake.EXPIRES));
        connections.put(session.getId(), connection);
        if (viewer == null || viewer.userId() == null) {
            connection.refuse(UNAUTHENTICATED, "UNAUTHENTICATED", "Log in first.");
            return;
        }
        org.citygraph.graph.briefing.Briefing briefing;
        try {
            briefing = controller.listenable(briefingId, viewer);
        } catch (Forbidden e) {
            connection.refuse(FORBIDDEN, "FORBIDDEN", e.getMessage());
            return;
        } catch (InvalidInputException e) {
            connection.refuse(NOT_LIVE, "NOT_LIVE", e.getMessage());
            return;
        }
        connection.send(frames.ready(briefingId, viewer.userId()), null);
        rooms.attach(briefing, connection);
        connection.attached = true;
        if (connection.expiresAt != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), connection.expiresAt).toMillis());
            connection.expiry = closer.schedule(() -> connection.refuse(TOKEN_EXPIRED, "UNAUTHENTICATED", "The token expired: log in again."),
                    delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        var connection = connections.get(session.getId());
        if (connection == null || !connection.attached) {
            return;
        }
        if (!(message instanceof TextMessage text)) {
            connection.close(CloseStatus.NOT_ACCEPTABLE);
            return;
        }
        // the container hands over long messages in parts (its buffers are small)
        connection.parts.append(text.getPayload());
        if (connection.parts.length() > MAX_MESSAGE_CHARS) {
            connection.parts.setLength(0);
            connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        if (!text.isLast()) {
            return;
        }
        var whole = connection.parts.toString();
        connection.parts.setLength(0);
        handle(connection, whole);
    }

    private void handle(Connection c, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            c.answer(null, List.of(new UserError(List.of(), "BAD_MESSAGE", "A message is a JSON object with a type.")), Map.of());
            return;
        }
        var ref = message.hasNonNull("ref") ? message.get("ref").asText() : null;
        var id = c.briefingId;
        var viewer = c.viewer;
        try {
            switch (message.path("type").asText("")) {
                case "heartbeat" -> c.answer(ref, controller.briefingHeartbeat(id, viewer).errors(), Map.of());
                case "join" -> room(c, ref, controller.joinBriefing(id, viewer));
                case "leave" -> room(c, ref, controller.leaveBriefing(id, viewer));
                case "hand" -> room(c, ref, controller.setBriefingHand(
                        new BriefingController.HandInput(id, message.path("raised").asBoolean(false)), viewer));
                case "slide" -> later(c, ref, controller.showBriefingSlide(
                        new BriefingController.SlideChoice(id, message.path("position").asInt(-1)), viewer),
                        p -> p.errors(), p -> room(p.room()));
                case "chat" -> later(c, ref, controller.sendBriefingChat(
                        new BriefingController.ChatInput(id, message.path("text").asText("")), viewer),
                        p -> p.errors(), p -> one("message", frames.chat(p.message())));
                case "signal" -> {
                    var kind = message.path("kind").asText("");
                    if (!SIGNAL_KINDS.contains(kind)) {
                        c.answer(ref, List.of(new UserError(List.of("kind"), "INVALID", "A signal is an OFFER, ANSWER or ICE.")), Map.of());
                        return;
                    }
                    var payload = message.path("payload");
                    var sent = controller.sendBriefingSignal(new BriefingController.SignalInput(id, message.path("toId").asText(""),
                            kind, payload.isTextual() ? payload.asText() : null), viewer);
                    c.answer(ref, sent.errors(), Map.of("delivered", sent.delivered()));
                }
                default -> c.answer(ref, List.of(new UserError(List.of("type"), "UNKNOWN_TYPE",
                        "Unknown message type: join, leave, heartbeat, chat, hand, slide or signal.")), Map.of());
            }
        } catch (Forbidden e) {
            c.answer(ref, List.of(new UserError(List.of(), e.anonymous() ? "UNAUTHENTICATED" : "FORBIDDEN", e.getMessage())), Map.of());
        } catch (InvalidInputException e) {
            c.answer(ref, UserError.of(e), Map.of());
        } catch (RuntimeException e) {
            LOG.warn("A live room message failed", e);
            c.answer(ref, List.of(new UserError(List.of(), "INTERNAL", "Something went wrong.")), Map.of());
        }
    }

    private void room(Connection c, String ref, BriefingController.BriefingRoomPayload payload) {
        c.answer(ref, payload.errors(), room(payload.room()));
    }

    private Map<String, Object> room(BriefingRooms.RoomView room) {
        return one("room", frames.room(room));
    }

    private static Map<String, Object> one(String key, Object value) {
        var map = new LinkedHashMap<String, Object>();
        if (value != null) {
            map.put(key, value);
        }
        return map;
    }

    /** Answers once the action is done: chat and slides only after they are kept in the graph. */
    private <P> void later(Connection c, String ref, CompletableFuture<P> action, Function<P, List<UserError>> errors,
                           Function<P, Map<String, Object>> result) {
        action.whenComplete((payload, failure) -> {
            if (failure != null) {
                c.answer(ref, List.of(new UserError(List.of(), "INTERNAL", "It could not be kept; send it again.")), Map.of());
            } else {
                c.answer(ref, errors.apply(payload), result.apply(payload));
            }
        });
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        LOG.debug("Live room socket {}: {}", session.getId(), exception.getMessage());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        var connection = connections.remove(session.getId());
        if (connection == null) {
            return;
        }
        var expiry = connection.expiry;
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (connection.attached) {
            rooms.detach(connection.briefingId, connection);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    /** Open live room sockets, for logs and tests. */
    int count() {
        return connections.size();
    }

    @Override
    public void destroy() {
        closer.shutdownNow();
    }
}
