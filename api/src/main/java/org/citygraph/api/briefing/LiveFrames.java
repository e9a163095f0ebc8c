package org.citygraph.api.briefing;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.api.graphql.UserError;
import org.citygraph.graph.briefing.ChatMessage;
import org.citygraph.graph.briefing.Person;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON frames of the live room socket ({@link LiveRoomSocket}). Events have the fields of the
 * schema's {@code BriefingEvent}, with people as {@code {id, name}}; absent fields are left out.
 * An event is serialized once and the same text goes to every connection of the room.
 */
@Component
class LiveFrames {

    private final ObjectMapper json = new ObjectMapper();

    String event(BriefingRooms.RoomEvent event) {
        var frame = new LinkedHashMap<String, Object>();
        frame.put("type", "event");
        frame.put("kind", event.kind().name());
        frame.put("briefingId", event.briefingId());
        frame.put("at", time(event.at()));
        put(frame, "actor", person(event.actor()));
        put(frame, "subjectId", event.subjectId());
        put(frame, "room", room(event.room()));
        put(frame, "chat", chat(event.chat()));
        put(frame, "slide", event.slide());
        if (event.signal() != null) {
            frame.put("signal", Map.of("fromId", event.signal().fromId(), "kind", event.signal().kind(),
                    "payload", event.signal().payload()));
        }
        return write(frame);
    }

    /** The answer to a client's message: its {@code ref}, the refusals, and what the action returned. */
    String reply(String ref, List<UserError> errors, Map<String, Object> result) {
        var frame = new LinkedHashMap<String, Object>();
        frame.put("type", "reply");
        put(frame, "ref", ref);
        frame.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message())).toList());
        frame.putAll(result);
        return write(frame);
    }

    /** Why the socket closes (sent before the close frame, whose reason is limited to 123 bytes). */
    String refusal(String code, String message) {
        return write(Map.of("type", "closing", "code", code, "message", message));
    }

    String ready(String briefingId, String userId) {
        return write(Map.of("type", "ready", "briefingId", briefingId, "userId", userId));
    }

    Map<String, Object> room(BriefingRooms.RoomView room) {
        if (room == null) {
            return null;
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("presenterId", room.presenterId());
        map.put("currentSlide", room.currentSlide());
        map.put("heartbeatSeconds", room.heartbeatSeconds());
        map.put("meshLimit", room.meshLimit());
        map.put("participants", room.participants().stream().map(p -> {
            var participant = new LinkedHashMap<String, Object>();
            participant.put("person", person(p.person()));
            participant.put("host", p.host());
            participant.put("presenter", p.presenter());
            participant.put("handRaised", p.handRaised());
            participant.put("media", p.media());
            participant.put("joinedAt", time(p.joinedAt()));
            return participant;
        }).toList());
        return map;
    }

    Map<String, Object> chat(ChatMessage message) {
        if (message == null) {
            return null;
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("id", message.id());
        map.put("text", message.text());
        map.put("at", time(message.at()));
        map.put("author", person(message.author()));
        return map;
    }

    private static Map<String, Object> person(Person person) {
        if (person == null) {
            return null;
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("id", person.id());
        map.put("name", person.name());
        return map;
    }

    private static String time(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }

    private static void put(Map<String, Object> frame, String key, Object value) {
        if (value != null) {
            frame.put(key, value);
        }
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A room frame could not be written", e);
        }
    }
}
