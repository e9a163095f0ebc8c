package org.citygraph.api.websocket;

import java.io.IOException;
import java.util.ArrayDeque;
import java.time.Duration;
import java.time.Instant;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import jakarta.websocket.SendResult;

/**
 * A WebSocket session whose text sends never block the caller. Messages go out one at a time with
 * the container's asynchronous send; while one is on the wire the next ones wait in a queue of at
 * most {@code limit}, and a client that lets it fill up is closed with 4429 (it resumes by sequence
 * number). So the threads that serve all subscribers (shared, not one per connection) are never
 * held by one client that reads slowly.
 */
final class QueuedSendSession extends WebSocketSessionDecorator {

    /** How long a client that stopped reading keeps its connection before it is cut off. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final jakarta.websocket.RemoteEndpoint.Async remote;
    private final int limit;
    private final WebSocketSessions sessions;
    private final ArrayDeque<String> queue = new ArrayDeque<>(4);
    private boolean sending;
    private boolean closed;
    /** Closed with 4429 once the message on the wire is through (a close frame cannot overtake it). */
    private boolean closeWhenSent;

    QueuedSendSession(WebSocketSession session, int limit, WebSocketSessions sessions) {
        super(session);
        this.remote = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class).getAsyncRemote();
        this.limit = limit;
        this.sessions = sessions;
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        if (!(message instanceof TextMessage text)) {
            super.sendMessage(message);
            return;
        }
        // No exception once the session is given up: the GraphQL handler would answer it by closing
        // the session itself, on a shared thread, with a blocking write of its own close frame.
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sending) {
                if (queue.size() >= limit) {
                    closed = true;
                    closeWhenSent = true;
                    queue.clear();
                    // a client that reads nothing at all is cut off without a close frame
                    sessions.closeAt(getId(), Instant.now().plus(GIVE_UP), WebSocketSessions.TOO_SLOW);
                    return;
                }
                queue.addLast(text.getPayload());
                return;
            }
            sending = true;
        }
        send(text.getPayload());
    }

    private void send(String payload) {
        try {
            remote.sendText(payload, this::sent);
        } catch (RuntimeException e) {
            // the container refused (the socket closed under us): nothing more will go out
            synchronized (this) {
                closed = true;
                queue.clear();
            }
        }
    }

    private void sent(SendResult result) {
        String next;
        synchronized (this) {
            if (!result.isOK()) {
                closed = true;
                queue.clear();
            }
            next = queue.pollFirst();
            if (next == null) {
                sending = false;
                if (closeWhenSent) {
                    closeWhenSent = false;
                    sessions.close(getId(), WebSocketSessions.TOO_SLOW);
                }
                return;
            }
        }
        send(next);
    }
}
