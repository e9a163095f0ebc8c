package org.citygraph.api.websocket;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * The open GraphQL WebSockets of this instance, so that the hub can close one with a clear code:
 * when its token expires (4401), or when its subscriber falls too far behind (4429).
 */
@Component
public class WebSocketSessions {

    /** The token that authenticated the connection expired: log in again and reconnect. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Unauthorized: the token expired");
    /** The client reads too slowly: reconnect and resume from the last sequence number received. */
    public static final CloseStatus TOO_SLOW = new CloseStatus(4429, "Too many undelivered events: resume with 'after'");

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSessions.class);

    private final ConcurrentHashMap<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        var thread = new Thread(r, "websocket-closer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Wraps the GraphQL WebSocket handler so that sessions are tracked from open to close, send
     * without blocking ({@link QueuedSendSession}), and take text messages in parts: the container
     * then needs only small buffers per connection, and a message may still be as long as a
     * query document may be (up to {@code maxMessageChars}).
     */
    public WebSocketHandler track(WebSocketHandler handler, int sendQueueLimit, int maxMessageChars) {
        return new WebSocketHandlerDecorator(handler) {
            private final ConcurrentHashMap<String, StringBuilder> parts = new ConcurrentHashMap<>();

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                var queued = new QueuedSendSession(session, sendQueueLimit, WebSocketSessions.this);
                sessions.put(session.getId(), queued);
                super.afterConnectionEstablished(queued);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                var queued = sessions.getOrDefault(session.getId(), session);
                if (message instanceof TextMessage text && !(text.isLast() && !parts.containsKey(session.getId()))) {
                    var whole = parts.computeIfAbsent(session.getId(), id -> new StringBuilder()).append(text.getPayload());
                    if (whole.length() > maxMessageChars) {
                        parts.remove(session.getId());
                        close(session.getId(), CloseStatus.TOO_BIG_TO_PROCESS);
                        return;
                    }
                    if (!text.isLast()) {
                        return;
                    }
                    parts.remove(session.getId());
                    message = new TextMessage(whole.toString());
                }
                super.handleMessage(queued, message);
            }

            @Override
            public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
                super.handleTransportError(sessions.getOrDefault(session.getId(), session), exception);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                parts.remove(session.getId());
                var queued = sessions.remove(session.getId());
                super.afterConnectionClosed(queued != null ? queued : session, status);
            }

            @Override
            public boolean supportsPartialMessages() {
                return true;
            }
        };
    }

    public int count() {
        return sessions.size();
    }

    /**
     * Closes a session, off the caller's thread: closing writes a close frame, which can block
     * behind a slow client's unsent data, and the caller may be serving other subscribers.
     */
    public void close(String sessionId, CloseStatus status) {
        timers.execute(() -> closeNow(sessionId, status));
    }

    private void closeNow(String sessionId, CloseStatus status) {
        var session = sessions.get(sessionId);
        if (session != null && session.isOpen()) {
            try {
                session.close(status);
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Closing WebSocket {} failed: {}", sessionId, e.getMessage());
            }
        }
    }

    /** Closes the session at {@code when} (a token's expiry), if it is still open then. */
    public void closeAt(String sessionId, Instant when, CloseStatus status) {
        long delay = Math.max(0, Duration.between(Instant.now(), when).toMillis());
        timers.schedule(() -> closeNow(sessionId, status), delay, TimeUnit.MILLISECONDS);
    }
}
