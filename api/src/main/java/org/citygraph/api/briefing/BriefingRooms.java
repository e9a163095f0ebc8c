package org.citygraph.api.briefing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.citygraph.graph.briefing.Briefing;
import org.citygraph.graph.briefing.Briefings;
import org.citygraph.graph.briefing.ChatMessage;
import org.citygraph.graph.briefing.Person;
import org.citygraph.graph.briefing.Slide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The open rooms of live briefings on this instance: who is in each (presence by heartbeat), hands,
 * the presenter and the slide shown, and the stream of each room's events. Room signals are
 * ephemeral and go straight to the room's subscribers, never through the outbox; what must be kept
 * (attendance, chat, slides shown, the presenter) is written to the graph, chat and slides through
 * the {@link BriefingJournal} before they are sent.
 *
 * <p>One instance holds a room. With several API instances, a briefing's sockets go to one instance
 * (sticky by briefing id), or a shared broker carries {@link RoomEvent}s between them; see the
 * README's section on the SFU and scaling seam.
 */
@Component
public class BriefingRooms implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(BriefingRooms.class);

    /** What happened in a room (the schema's {@code BriefingEventKind}). */
    public enum Kind { JOINED, LEFT, HAND_CHANGED, PRESENTER_CHANGED, MUTE_REQUESTED, REMOVED, SLIDE_CHANGED, SLIDES_CHANGED, CHAT, SIGNAL, ENDED }

    /** The schema's {@code BriefingSignal}. */
    public record Signal(String fromId, String kind, String payload) {
    }

    /** The schema's {@code BriefingParticipant}. */
    public record Participant(Person person, boolean host, boolean presenter, boolean handRaised, String media,
                              OffsetDateTime joinedAt) {
    }

    /** The schema's {@code BriefingRoom}: a snapshot. */
    public record RoomView(List<Participant> participants, String presenterId, Integer currentSlide, int heartbeatSeconds,
                           int meshLimit) {
    }

    /**
     * The schema's {@code BriefingEvent}.
     *
     * @param toId for signals: the only participant who receives it
     */
    public record RoomEvent(Kind kind, String briefingId, OffsetDateTime at, Person actor, String subjectId, RoomView room,
                            ChatMessage chat, Integer slide, Signal signal, String toId) {
    }

    /**
     * A connection of the room's live socket ({@link LiveRoomSocket}). It takes the room's events as
     * JSON frames, each serialized once for all of the room's connections (signals only for whom they
     * are addressed to), and must send without blocking.
     */
    interface LiveListener {
        String userId();

        /** Sends a frame; {@code last} when the connection is to close after it (the briefing ended, or they were removed). */
        void send(String frame, boolean last);
    }

    /** The room's view of a person present. */
    private static final class Presence {
        final Person person;
        final OffsetDateTime joinedAt;
        volatile long lastSeen;
        volatile boolean handRaised;
        int subscriptions;

        Presence(Person person, OffsetDateTime joinedAt) {
            this.person = person;
            this.joinedAt = joinedAt;
            this.lastSeen = System.nanoTime();
        }
    }

    /** One open room. Changes and emissions happen under its monitor, so its events are in order. */
    final class Room {
        final String id;
        final String hostId;
        final Map<String, Presence> present = new LinkedHashMap<>();
        final Sinks.Many<RoomEvent> sink = Sinks.many().multicast().directBestEffort();
        final Map<String, Integer> subscribers = new ConcurrentHashMap<>();
        final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
        /** Events for the live sockets, in order; one delivery worker at a time drains them. */
        final ConcurrentLinkedQueue<RoomEvent> outgoing = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        volatile List<Slide> slides;
        String presenterId;
        Integer currentSlide;

        Room(Briefing briefing) {
            this.id = briefing.id();
            this.hostId = briefing.host().id();
            this.slides = briefing.slides();
            this.presenterId = briefing.presenterId() == null ? briefing.host().id() : briefing.presenterId();
            this.currentSlide = briefing.currentSlide();
        }

        RoomView view() {
            var mesh = new ArrayList<String>();
            if (present.containsKey(presenterId)) {
                mesh.add(presenterId);
            }
            for (var id : present.keySet()) {
                if (mesh.size() < properties.meshLimit() && !mesh.contains(id)) {
                    mesh.add(id);
                }
            }
            var list = present.values().stream().map(p -> new Participant(p.person, p.person.id().equals(hostId),
                    p.person.id().equals(presenterId), p.handRaised, mesh.contains(p.person.id()) ? "MESH" : "VIEWER",
                    p.joinedAt)).toList();
            return new RoomView(list, presenterId, currentSlide, properties.heartbeatSeconds(), properties.meshLimit());
        }

        void emit(Kind kind, Person actor, String subjectId, boolean withRoom, ChatMessage chat, Integer slide, Signal signal,
                  String toId) {
            var event = new RoomEvent(kind, id, now(), actor, subjectId, withRoom ? view() : null, chat, slide, signal, toId);
            sink.emitNext(event, (type, result) -> false);
            if (!listeners.isEmpty()) {
                outgoing.add(event);
                if (draining.compareAndSet(false, true)) {
                    liveDeliveries.execute(() -> drain(this));
                }
            }
        }
    }

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Scheduler deliveries = Schedulers.boundedElastic();
    /** Serializes and sends the live sockets' frames, off the emitting thread (the journal's writer serves every room). */
    private final ExecutorService liveDeliveries = Executors.newFixedThreadPool(2, r -> {
        var thread = new Thread(r, "briefing-live");
        thread.setDaemon(true);
        return thread;
    });
    private final LiveFrames frames;
    private final Briefings briefings;
    private final BriefingProperties properties;

    public BriefingRooms(Briefings briefings, BriefingProperties properties, LiveFrames frames) {
        this.briefings = briefings;
        this.properties = properties;
        this.frames = frames;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private Room room(Briefing briefing) {
        return rooms.computeIfAbsent(briefing.id(), id -> new Room(briefing));
    }

    /** The room of a live briefing, if it is open on this instance. */
    public RoomView view(String briefingId) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return null;
        }
        synchronized (room) {
            return room.view();
        }
    }

    /** Whether the person is in the room now. */
    public boolean isPresent(String briefingId, String userId) {
        var room = rooms.get(briefingId);
        if (room == null || userId == null) {
            return false;
        }
        synchronized (room) {
            return room.present.containsKey(userId);
        }
    }

    public String presenterId(String briefingId) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return null;
        }
        synchronized (room) {
            return room.presenterId;
        }
    }

    public RoomView join(Briefing briefing, Person person) {
        var room = room(briefing);
        boolean fresh;
        var at = now();
        synchronized (room) {
            var existing = room.present.get(person.id());
            fresh = existing == null;
            if (fresh) {
                room.present.put(person.id(), new Presence(person, at));
            } else {
                existing.lastSeen = System.nanoTime();
            }
        }
        if (fresh) {
            briefings.joined(briefing.id(), person.id(), at);
            LOG.info("{} joined briefing {}", person.id(), briefing.id());
            synchronized (room) {
                room.emit(Kind.JOINED, person, person.id(), true, null, null, null, null);
                return room.view();
            }
        }
        return view(briefing.id());
    }

    /** Takes a person out of the room; false when they were not in it. */
    public boolean leave(String briefingId, String userId, String why) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return false;
        }
        Presence gone;
        synchronized (room) {
            gone = room.present.remove(userId);
        }
        if (gone == null) {
            return false;
        }
        briefings.left(briefingId, userId, now());
        LOG.info("{} left briefing {} ({})", userId, briefingId, why);
        synchronized (room) {
            room.emit(Kind.LEFT, gone.person, userId, true, null, null, null, null);
        }
        return true;
    }

    /** Notes that the person is still there; false when they are not in the room (any more). */
    public boolean heartbeat(String briefingId, String userId) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            var presence = room.present.get(userId);
            if (presence == null) {
                return false;
            }
            presence.lastSeen = System.nanoTime();
            return true;
        }
    }

    public RoomView setHand(String briefingId, Person person, boolean raised) {
        var room = rooms.get(briefingId);
        synchronized (room) {
            var presence = room.present.get(person.id());
            if (presence != null && presence.handRaised != raised) {
                presence.handRaised = raised;
                room.emit(Kind.HAND_CHANGED, person, person.id(), true, null, null, null, null);
            }
            return room.view();
        }
    }

    public RoomView presenter(String briefingId, Person by, String userId) {
        briefings.setPresenter(briefingId, userId);
        var room = rooms.get(briefingId);
        synchronized (room) {
            room.presenterId = userId;
            var presence = room.present.get(userId);
            if (presence != null) {
                presence.handRaised = false;
            }
            room.emit(Kind.PRESENTER_CHANGED, by, userId, true, null, null, null, null);
            return room.view();
        }
    }

    public RoomView askToMute(String briefingId, Person by, String userId) {
        var room = rooms.get(briefingId);
        synchronized (room) {
            room.emit(Kind.MUTE_REQUESTED, by, userId, false, null, null, null, null);
            return room.view();
        }
    }

    /** Removes a person for the rest of the briefing: their subscription ends after this event. */
    public RoomView remove(String briefingId, Person by, String userId) {
        briefings.removePerson(briefingId, userId);
        var room = rooms.get(briefingId);
        if (room == null) {
            // nobody is in the room on this instance yet: the bar in the graph is enough
            return null;
        }
        Presence gone;
        synchronized (room) {
            gone = room.present.remove(userId);
            if (userId.equals(room.presenterId)) {
                room.presenterId = room.hostId;
            }
        }
        if (gone != null) {
            briefings.left(briefingId, userId, now());
        }
        LOG.info("{} removed {} from briefing {}", by.id(), userId, briefingId);
        synchronized (room) {
            room.emit(Kind.REMOVED, by, userId, true, null, null, null, null);
            return room.view();
        }
    }

    /** Sends a chat message that the journal has kept. */
    void chatKept(ChatMessage message) {
        var room = rooms.get(message.briefingId());
        if (room != null) {
            synchronized (room) {
                room.emit(Kind.CHAT, message.author(), null, false, message, null, null, null);
            }
        }
    }

    /** Moves the room to a slide that the journal has recorded. */
    void slideKept(String briefingId, Person by, int position) {
        var room = rooms.get(briefingId);
        if (room != null) {
            synchronized (room) {
                room.currentSlide = position;
                room.emit(Kind.SLIDE_CHANGED, by, null, false, null, position, null, null);
            }
        }
    }

    /** The slides of the room, as last read. */
    List<Slide> slides(String briefingId) {
        var room = rooms.get(briefingId);
        return room == null ? List.of() : room.slides;
    }

    /** Slides were added or the deck replaced: the room reads them again and tells everyone. */
    public void slidesChanged(Briefing briefing, Person by) {
        var room = rooms.get(briefing.id());
        if (room != null) {
            synchronized (room) {
                room.slides = briefing.slides();
                if (room.currentSlide == null && !briefing.slides().isEmpty()) {
                    room.currentSlide = 0;
                }
                room.emit(Kind.SLIDES_CHANGED, by, null, true, null, null, null, null);
            }
        }
    }

    /** Relays a WebRTC message; false when the recipient is not in the room. */
    public boolean signal(String briefingId, Person from, String toId, String kind, String payload) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            if (!room.present.containsKey(toId)) {
                return false;
            }
            room.emit(Kind.SIGNAL, from, toId, false, null, null, new Signal(from.id(), kind, payload), toId);
            return true;
        }
    }

    /** The briefing ended: everyone's subscription ends, the room closes. */
    public void ended(String briefingId, Person by) {
        var room = rooms.remove(briefingId);
        if (room != null) {
            synchronized (room) {
                room.present.clear();
                room.emit(Kind.ENDED, by, null, true, null, null, null, null);
                room.sink.emitComplete((type, result) -> false);
            }
        }
    }

    /**
     * The events of a room for one person: everything but signals addressed to others; it ends after
     * the briefing ends or the person is removed, and leaving the socket takes them out of the room.
     */
    public Flux<RoomEvent> events(Briefing briefing, String userId) {
        var room = room(briefing);
        return Flux.defer(() -> {
                    synchronized (room) {
                        room.subscribers.merge(userId, 1, Integer::sum);
                    }
                    return room.sink.asFlux();
                })
                // delivery (running the selection, writing to the socket) happens on a worker, never on
                // the thread that emitted: the journal's writer serves every room
                .onBackpressureBuffer(1000)
                .publishOn(deliveries)
                .filter(e -> e.toId() == null || e.toId().equals(userId))
                .takeUntil(e -> e.kind() == Kind.ENDED || (e.kind() == Kind.REMOVED && userId.equals(e.subjectId())))
                .doFinally(signal -> {
                    boolean last;
                    synchronized (room) {
                        last = room.subscribers.merge(userId, -1, Integer::sum) <= 0;
                        if (last) {
                            room.subscribers.remove(userId);
                        }
                    }
                    // the socket closed or the client unsubscribed: a vanished browser leaves at once
                    if (last && rooms.get(room.id) == room) {
                        leave(room.id, userId, "connection closed");
                    }
                });
    }

    /**
     * Connects a live socket to a room: it receives the room's events from now on, and closing the
     * last connection of a person (GraphQL subscription or live socket) takes them out of the room.
     */
    void attach(Briefing briefing, LiveListener listener) {
        var room = room(briefing);
        synchronized (room) {
            room.subscribers.merge(listener.userId(), 1, Integer::sum);
            room.listeners.add(listener);
        }
    }

    /** The live socket closed. */
    void detach(String briefingId, LiveListener listener) {
        var room = rooms.get(briefingId);
        if (room == null) {
            return;
        }
        boolean last;
        synchronized (room) {
            if (!room.listeners.remove(listener)) {
                return;
            }
            last = room.subscribers.merge(listener.userId(), -1, Integer::sum) <= 0;
            if (last) {
                room.subscribers.remove(listener.userId());
            }
        }
        if (last) {
            leave(briefingId, listener.userId(), "connection closed");
        }
    }

    /** Sends what the room emitted to its live sockets, in order, each event serialized once. */
    private void drain(Room room) {
        do {
            RoomEvent event;
            while ((event = room.outgoing.poll()) != null) {
                deliver(room, event);
            }
            room.draining.set(false);
        } while (!room.outgoing.isEmpty() && room.draining.compareAndSet(false, true));
    }

    private void deliver(Room room, RoomEvent event) {
        String frame = null;
        for (var listener : room.listeners) {
            var userId = listener.userId();
            if (event.toId() != null && !event.toId().equals(userId)) {
                continue;
            }
            if (frame == null) {
                frame = frames.event(event);
            }
            boolean last = event.kind() == Kind.ENDED || event.kind() == Kind.REMOVED && userId.equals(event.subjectId());
            try {
                listener.send(frame, last);
            } catch (RuntimeException e) {
                LOG.debug("Sending to a live socket of {} failed: {}", userId, e.getMessage());
            }
            if (last) {
                room.listeners.remove(listener);
                synchronized (room) {
                    if (room.subscribers.merge(userId, -1, Integer::sum) <= 0) {
                        room.subscribers.remove(userId);
                    }
                }
            }
        }
    }

    @Override
    public void destroy() {
        liveDeliveries.shutdownNow();
    }

    /** Takes out who has not been heard from within the presence timeout. */
    @Scheduled(fixedDelayString = "${citygraph.briefings.presence-sweep:1s}")
    void sweep() {
        long limit = System.nanoTime() - properties.presenceTimeout().toNanos();
        for (var room : rooms.values()) {
            List<String> silent;
            synchronized (room) {
                silent = room.present.values().stream().filter(p -> p.lastSeen < limit).map(p -> p.person.id()).toList();
            }
            silent.forEach(userId -> leave(room.id, userId, "no heartbeat"));
        }
    }

    /** Rooms open on this instance, for logs and tests. */
    public int openRooms() {
        return rooms.size();
    }
}
