package org.citygraph.api.briefing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Forbidden;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.briefing.ActionItem;
import org.citygraph.graph.briefing.AgendaItem;
import org.citygraph.graph.briefing.Attendance;
import org.citygraph.graph.briefing.Briefing;
import org.citygraph.graph.briefing.BriefingDraft;
import org.citygraph.graph.briefing.BriefingStatus;
import org.citygraph.graph.briefing.Briefings;
import org.citygraph.graph.briefing.ChatMessage;
import org.citygraph.graph.briefing.Decision;
import org.citygraph.graph.briefing.Person;
import org.citygraph.graph.briefing.SlideDraft;
import org.citygraph.graph.briefing.SlideKind;
import org.citygraph.graph.briefing.SlideShown;
import org.citygraph.graph.briefing.SlideView;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.Issues;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

/**
 * The {@code Briefing} type and its live room. Scheduling is for staff; entering is for those who
 * may see the briefing (the graph model's rule); everything done in the room needs to be in it, so
 * that someone who cannot enter can neither chat, signal nor steer the slides.
 */
@Controller
class BriefingController {

    static final int MAX_SIGNAL = 64 * 1024;

    record AgendaItemInput(String title, String issueId, Integer minutes) {
    }

    record BriefingInput(String id, String title, String purpose, OffsetDateTime scheduledStart, List<AgendaItemInput> agenda,
                         List<String> inviteeIds, Boolean restricted) {

        BriefingDraft toDraft() {
            return new BriefingDraft(title, purpose, scheduledStart, agenda == null ? null
                    : agenda.stream().map(a -> new BriefingDraft.AgendaDraft(a.title(), a.issueId(), a.minutes())).toList(),
                    inviteeIds, restricted);
        }
    }

    record InviteInput(String briefingId, List<String> userIds) {
    }

    record SlideInput(SlideKind kind, String title, Integer deckPage, String query, SlideView view, String valuePath, String notes) {
    }

    record AddSlidesInput(String briefingId, List<SlideInput> slides) {
    }

    record DecisionInput(String briefingId, String text, List<String> issueIds, List<String> agencyIds) {
    }

    record ActionItemInput(String briefingId, String text, String ownerAgencyId, LocalDate due, List<String> issueIds) {
    }

    record ChatInput(String briefingId, String text) {
    }

    record HandInput(String briefingId, boolean raised) {
    }

    record SlideChoice(String briefingId, int position) {
    }

    record ModerationInput(String briefingId, String userId, String action) {
    }

    record SignalInput(String briefingId, String toId, String kind, String payload) {
    }

    record BriefingPayload(Briefing briefing, List<UserError> errors) {
    }

    record BriefingRoomPayload(BriefingRooms.RoomView room, List<UserError> errors) {
    }

    record BriefingChatPayload(ChatMessage message, List<UserError> errors) {
    }

    record BriefingSignalPayload(boolean delivered, List<UserError> errors) {
    }

    record BriefingDecisionPayload(Decision decision, List<UserError> errors) {
    }

    record BriefingActionItemPayload(ActionItem actionItem, List<UserError> errors) {
    }

    /** The schema's {@code BriefingMinutes}, read field by field. */
    record Minutes(String briefingId) {
    }

    /** The schema's {@code BriefingDeck}. */
    record DeckView(String fileName, String mediaType, long size, String sha256, OffsetDateTime uploadedAt, String url) {
    }

    private final Briefings briefings;
    private final BriefingRooms rooms;
    private final BriefingJournal journal;
    private final BriefingProperties properties;
    private final Issues issues;
    private final Agencies agencies;

    BriefingController(Briefings briefings, BriefingRooms rooms, BriefingJournal journal, BriefingProperties properties,
                       Issues issues, Agencies agencies) {
        this.briefings = briefings;
        this.rooms = rooms;
        this.journal = journal;
        this.properties = properties;
        this.issues = issues;
        this.agencies = agencies;
    }

    // ------------------------------------------------------------------ queries

    @QueryMapping
    Briefing briefing(@Argument String id, @ContextValue Viewer viewer) {
        return briefings.byId(viewer, id).orElse(null);
    }

    @QueryMapping(name = "briefings")
    Connection<Briefing> list(@Argument BriefingStatus status, @Argument Integer first, @Argument String after,
                              @Argument Integer last, @Argument String before, @ContextValue Viewer viewer,
                              DataFetchingEnvironment env) {
        if (viewer.role() == Viewer.Role.PUBLIC) {
            return Connection.empty();
        }
        return Connection.of(briefings.list(viewer, status, new PageRequest(first, after, last, before),
                Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    List<BriefingProperties.IceServer> briefingIceServers(@ContextValue Viewer viewer) {
        Permissions.require(viewer, viewer.role() != Viewer.Role.PUBLIC, "Log in first.");
        return properties.iceServers();
    }

    @SchemaMapping(typeName = "Briefing")
    DeckView deck(Briefing briefing) {
        var d = briefing.deck();
        return d == null ? null : new DeckView(d.fileName(), d.mediaType(), d.size(), d.sha256(), d.uploadedAt(),
                "/api/briefings/" + briefing.id() + "/deck");
    }

    @SchemaMapping(typeName = "Briefing")
    BriefingRooms.RoomView room(Briefing briefing) {
        return briefing.status() == BriefingStatus.LIVE ? rooms.view(briefing.id()) : null;
    }

    @SchemaMapping(typeName = "Briefing")
    Connection<ChatMessage> chat(Briefing briefing, @Argument Integer first, @Argument String after, @Argument Integer last,
                                 @Argument String before, DataFetchingEnvironment env) {
        return Connection.of(briefings.chat(briefing.id(), new PageRequest(first, after, last, before), Selections.wantsTotalCount(env)));
    }

    @SchemaMapping(typeName = "Briefing")
    Minutes minutes(Briefing briefing) {
        return new Minutes(briefing.id());
    }

    @SchemaMapping(typeName = "BriefingMinutes")
    List<Decision> decisions(Minutes minutes) {
        return briefings.decisions(minutes.briefingId());
    }

    @SchemaMapping(typeName = "BriefingMinutes")
    List<ActionItem> actionItems(Minutes minutes) {
        return briefings.actionItems(minutes.briefingId());
    }

    @SchemaMapping(typeName = "BriefingMinutes")
    List<Attendance> attendance(Minutes minutes) {
        return briefings.attendance(minutes.briefingId());
    }

    @SchemaMapping(typeName = "BriefingMinutes")
    List<SlideShown> slidesShown(Minutes minutes) {
        return briefings.slidesShown(minutes.briefingId());
    }

    @BatchMapping(typeName = "AgendaItem")
    Map<AgendaItem, Issue> issue(List<AgendaItem> items, GraphQLContext context) {
        var ids = items.stream().map(AgendaItem::issueId).filter(java.util.Objects::nonNull).distinct().toList();
        var found = byId(ids.isEmpty() ? List.of() : issues.byIds(ViewerInterceptor.viewer(context), ids), Issue::id);
        var result = new LinkedHashMap<AgendaItem, Issue>();
        items.forEach(item -> result.put(item, item.issueId() == null ? null : found.get(item.issueId())));
        return result;
    }

    @BatchMapping(typeName = "BriefingPerson")
    Map<Person, Agency> agency(List<Person> people) {
        var ids = people.stream().map(Person::agencyId).filter(java.util.Objects::nonNull).distinct().toList();
        var found = byId(ids.isEmpty() ? List.of() : agencies.byIds(ids), Agency::id);
        var result = new LinkedHashMap<Person, Agency>();
        people.forEach(p -> result.put(p, p.agencyId() == null ? null : found.get(p.agencyId())));
        return result;
    }

    @SchemaMapping(typeName = "BriefingDecision")
    List<Issue> issues(Decision decision, @ContextValue Viewer viewer) {
        return decision.issueIds().isEmpty() ? List.of() : issues.byIds(viewer, decision.issueIds());
    }

    @SchemaMapping(typeName = "BriefingDecision")
    List<Agency> agencies(Decision decision) {
        return decision.agencyIds().isEmpty() ? List.of() : agencies.byIds(decision.agencyIds());
    }

    @SchemaMapping(typeName = "BriefingActionItem", field = "owner")
    Agency owner(ActionItem item) {
        return agencies.byIds(List.of(item.ownerAgencyId())).stream().findFirst().orElse(null);
    }

    @SchemaMapping(typeName = "BriefingActionItem", field = "issues")
    List<Issue> actionIssues(ActionItem item, @ContextValue Viewer viewer) {
        return item.issueIds().isEmpty() ? List.of() : issues.byIds(viewer, item.issueIds());
    }

    @SchemaMapping(typeName = "BriefingAttendance", field = "person")
    Person attendee(Attendance attendance) {
        return attendance.person();
    }

    // ------------------------------------------------------------------ scheduling

    @MutationMapping
    BriefingPayload createBriefing(@Argument BriefingInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return briefingPayload(() -> briefings.create(viewer, input.toDraft()));
    }

    @MutationMapping
    BriefingPayload updateBriefing(@Argument BriefingInput input, @ContextValue Viewer viewer) {
        return hosted(viewer, input.id(), "id", b -> briefingPayload(() -> briefings.update(b.id(), input.toDraft())));
    }

    @MutationMapping
    BriefingPayload inviteToBriefing(@Argument InviteInput input, @ContextValue Viewer viewer) {
        return hosted(viewer, input.briefingId(), "briefingId", b -> briefingPayload(() -> briefings.invite(b.id(), input.userIds())));
    }

    @MutationMapping
    BriefingPayload uninviteFromBriefing(@Argument InviteInput input, @ContextValue Viewer viewer) {
        return hosted(viewer, input.briefingId(), "briefingId", b -> briefingPayload(() -> briefings.uninvite(b.id(), input.userIds())));
    }

    @MutationMapping
    BriefingPayload startBriefing(@Argument String id, @ContextValue Viewer viewer) {
        return hosted(viewer, id, "id", b -> briefingPayload(() -> briefings.start(b.id())));
    }

    @MutationMapping
    BriefingPayload endBriefing(@Argument String id, @ContextValue Viewer viewer) {
        return hosted(viewer, id, "id", b -> {
            var payload = briefingPayload(() -> briefings.end(b.id()));
            if (payload.errors().isEmpty()) {
                rooms.ended(b.id(), person(viewer));
            }
            return payload;
        });
    }

    @MutationMapping
    BriefingPayload addBriefingSlides(@Argument AddSlidesInput input, @ContextValue Viewer viewer) {
        var briefing = visible(viewer, input.briefingId());
        if (briefing.isEmpty()) {
            return new BriefingPayload(null, notFound("briefingId", input.briefingId()));
        }
        var b = briefing.get();
        Permissions.require(viewer, mayModerate(viewer, b) || viewer.userId() != null && viewer.userId().equals(b.presenterId()),
                "Only the host or the presenter can change the slides.");
        var drafts = input.slides() == null ? List.<SlideDraft>of() : input.slides().stream()
                .map(s -> new SlideDraft(s.kind(), s.title(), s.deckPage(), s.query(), s.view(), s.valuePath(), s.notes())).toList();
        var payload = briefingPayload(() -> briefings.addSlides(b.id(), drafts));
        if (payload.briefing() != null) {
            rooms.slidesChanged(payload.briefing(), person(viewer));
        }
        return payload;
    }

    @MutationMapping
    BriefingDecisionPayload recordBriefingDecision(@Argument DecisionInput input, @ContextValue Viewer viewer) {
        var briefing = visible(viewer, input.briefingId());
        if (briefing.isEmpty()) {
            return new BriefingDecisionPayload(null, notFound("briefingId", input.briefingId()));
        }
        Permissions.require(viewer, viewer.seesEverything() || briefing.get().isHost(viewer.userId()),
                "Only the host and staff record the minutes.");
        try {
            return new BriefingDecisionPayload(briefings.decide(viewer, input.briefingId(), input.text(), input.issueIds(),
                    input.agencyIds()), List.of());
        } catch (InvalidInputException e) {
            return new BriefingDecisionPayload(null, UserError.of(e));
        }
    }

    @MutationMapping
    BriefingActionItemPayload addBriefingActionItem(@Argument ActionItemInput input, @ContextValue Viewer viewer) {
        var briefing = visible(viewer, input.briefingId());
        if (briefing.isEmpty()) {
            return new BriefingActionItemPayload(null, notFound("briefingId", input.briefingId()));
        }
        Permissions.require(viewer, viewer.seesEverything() || briefing.get().isHost(viewer.userId()),
                "Only the host and staff record the minutes.");
        try {
            return new BriefingActionItemPayload(briefings.addAction(viewer, input.briefingId(), input.text(), input.ownerAgencyId(),
                    input.due(), input.issueIds()), List.of());
        } catch (InvalidInputException e) {
            return new BriefingActionItemPayload(null, UserError.of(e));
        }
    }

    // ------------------------------------------------------------------ the room

    @MutationMapping
    BriefingRoomPayload joinBriefing(@Argument String id, @ContextValue Viewer viewer) {
        requireUser(viewer);
        var briefing = visible(viewer, id);
        if (briefing.isEmpty()) {
            return new BriefingRoomPayload(null, notFound("id", id));
        }
        var b = briefing.get();
        if (b.removedIds().contains(viewer.userId())) {
            return new BriefingRoomPayload(null, List.of(new UserError(List.of("id"), "REMOVED",
                    "The host removed you from this briefing.")));
        }
        if (b.status() != BriefingStatus.LIVE) {
            return new BriefingRoomPayload(null, List.of(new UserError(List.of("id"), "NOT_LIVE",
                    b.status() == BriefingStatus.SCHEDULED ? "The briefing has not started yet." : "The briefing has ended.")));
        }
        return new BriefingRoomPayload(rooms.join(b, person(viewer)), List.of());
    }

    @MutationMapping
    BriefingRoomPayload leaveBriefing(@Argument String id, @ContextValue Viewer viewer) {
        requireUser(viewer);
        if (!rooms.leave(id, viewer.userId(), "left")) {
            return new BriefingRoomPayload(null, notInRoom("id"));
        }
        return new BriefingRoomPayload(rooms.view(id), List.of());
    }

    @MutationMapping
    BriefingRoomPayload briefingHeartbeat(@Argument String id, @ContextValue Viewer viewer) {
        requireUser(viewer);
        if (!rooms.heartbeat(id, viewer.userId())) {
            return new BriefingRoomPayload(null, notInRoom("id"));
        }
        return new BriefingRoomPayload(rooms.view(id), List.of());
    }

    @MutationMapping
    CompletableFuture<BriefingChatPayload> sendBriefingChat(@Argument ChatInput input, @ContextValue Viewer viewer) {
        requireUser(viewer);
        if (!rooms.isPresent(input.briefingId(), viewer.userId())) {
            return CompletableFuture.completedFuture(new BriefingChatPayload(null, notInRoom("briefingId")));
        }
        ChatMessage message;
        try {
            message = Briefings.newChatMessage(input.briefingId(), person(viewer), input.text(), BriefingRooms.now());
        } catch (InvalidInputException e) {
            return CompletableFuture.completedFuture(new BriefingChatPayload(null, prefixed(UserError.of(e))));
        }
        return journal.append(Briefings.JournalEntry.chat(message)).thenApply(kept -> new BriefingChatPayload(message, List.of()));
    }

    @MutationMapping
    BriefingRoomPayload setBriefingHand(@Argument HandInput input, @ContextValue Viewer viewer) {
        requireUser(viewer);
        if (!rooms.isPresent(input.briefingId(), viewer.userId())) {
            return new BriefingRoomPayload(null, notInRoom("briefingId"));
        }
        return new BriefingRoomPayload(rooms.setHand(input.briefingId(), person(viewer), input.raised()), List.of());
    }

    @MutationMapping
    CompletableFuture<BriefingRoomPayload> showBriefingSlide(@Argument SlideChoice input, @ContextValue Viewer viewer) {
        requireUser(viewer);
        var id = input.briefingId();
        if (!rooms.isPresent(id, viewer.userId())) {
            return CompletableFuture.completedFuture(new BriefingRoomPayload(null, notInRoom("briefingId")));
        }
        if (!viewer.userId().equals(rooms.presenterId(id))) {
            return CompletableFuture.completedFuture(new BriefingRoomPayload(null, List.of(new UserError(
                    List.of("input", "briefingId"), "NOT_PRESENTER", "Only the presenter moves the slides; browse on your own instead."))));
        }
        var slides = rooms.slides(id);
        if (input.position() < 0 || input.position() >= slides.size()) {
            return CompletableFuture.completedFuture(new BriefingRoomPayload(null, List.of(new UserError(
                    List.of("input", "position"), "OUT_OF_RANGE", "There are " + slides.size() + " slides, from 0."))));
        }
        var entry = Briefings.JournalEntry.slide(id, input.position(), slides.get(input.position()).title(), person(viewer),
                BriefingRooms.now());
        return journal.append(entry).thenApply(kept -> new BriefingRoomPayload(rooms.view(id), List.of()));
    }

    @MutationMapping
    BriefingRoomPayload moderateBriefing(@Argument ModerationInput input, @ContextValue Viewer viewer) {
        requireUser(viewer);
        var briefing = visible(viewer, input.briefingId());
        if (briefing.isEmpty()) {
            return new BriefingRoomPayload(null, notFound("briefingId", input.briefingId()));
        }
        var b = briefing.get();
        Permissions.require(viewer, mayModerate(viewer, b), "Only the host moderates the briefing.");
        if (b.status() != BriefingStatus.LIVE) {
            return new BriefingRoomPayload(null, List.of(new UserError(List.of("input", "briefingId"), "NOT_LIVE",
                    "The room is not open.")));
        }
        var target = input.userId();
        var by = person(viewer);
        return switch (input.action()) {
            case "MAKE_PRESENTER" -> rooms.isPresent(b.id(), target)
                    ? new BriefingRoomPayload(rooms.presenter(b.id(), by, target), List.of())
                    : new BriefingRoomPayload(null, notInRoom("userId"));
            case "ASK_TO_MUTE" -> rooms.isPresent(b.id(), target)
                    ? new BriefingRoomPayload(rooms.askToMute(b.id(), by, target), List.of())
                    : new BriefingRoomPayload(null, notInRoom("userId"));
            case "REMOVE" -> b.isHost(target)
                    ? new BriefingRoomPayload(null, List.of(new UserError(List.of("input", "userId"), "HOST",
                            "The host cannot be removed from their own briefing.")))
                    : new BriefingRoomPayload(rooms.remove(b.id(), by, target), List.of());
            default -> throw new IllegalArgumentException(input.action());
        };
    }

    @MutationMapping
    BriefingSignalPayload sendBriefingSignal(@Argument SignalInput input, @ContextValue Viewer viewer) {
        requireUser(viewer);
        if (!rooms.isPresent(input.briefingId(), viewer.userId())) {
            return new BriefingSignalPayload(false, notInRoom("briefingId"));
        }
        if (input.payload() == null || input.payload().length() > MAX_SIGNAL) {
            return new BriefingSignalPayload(false, List.of(new UserError(List.of("input", "payload"), "TOO_LONG",
                    "A signal is at most 64 KiB.")));
        }
        boolean delivered = rooms.signal(input.briefingId(), person(viewer), input.toId(), input.kind(), input.payload());
        return delivered ? new BriefingSignalPayload(true, List.of()) : new BriefingSignalPayload(false, notInRoom("toId"));
    }

    @SubscriptionMapping
    Flux<BriefingRooms.RoomEvent> briefingEvents(@Argument String id, @ContextValue Viewer viewer) {
        return rooms.events(listenable(id, viewer), viewer.userId());
    }

    /**
     * The briefing whose room's events the viewer may receive (the subscription, or the live room
     * socket): a person who may see it, was not removed, and it is live.
     *
     * @throws Forbidden when they may not; {@link InvalidInputException} (NOT_LIVE) when it is not live
     */
    Briefing listenable(String id, Viewer viewer) {
        requireUser(viewer);
        var briefing = visible(viewer, id).orElseThrow(() -> new Forbidden(false, "You may not enter this briefing."));
        if (briefing.removedIds().contains(viewer.userId())) {
            throw new Forbidden(false, "The host removed you from this briefing.");
        }
        if (briefing.status() != BriefingStatus.LIVE) {
            throw new InvalidInputException("id", "NOT_LIVE", "The briefing is " + briefing.status() + ", not LIVE.");
        }
        return briefing;
    }

    // ------------------------------------------------------------------ helpers

    private Optional<Briefing> visible(Viewer viewer, String id) {
        return id == null || NodeType.ofId(id).filter(t -> t == NodeType.BRIEFING).isEmpty()
                ? Optional.empty() : briefings.byId(viewer, id);
    }

    /** Runs {@code action} when the viewer hosts the briefing (or administers the hub). */
    private BriefingPayload hosted(Viewer viewer, String id, String field, Function<Briefing, BriefingPayload> action) {
        Permissions.require(viewer, viewer.role() != Viewer.Role.PUBLIC, "Log in first.");
        var briefing = visible(viewer, id);
        if (briefing.isEmpty()) {
            return new BriefingPayload(null, notFound(field, id));
        }
        Permissions.require(viewer, mayModerate(viewer, briefing.get()), "Only the host can do this.");
        return action.apply(briefing.get());
    }

    private static boolean mayModerate(Viewer viewer, Briefing briefing) {
        return viewer.role() == Viewer.Role.ADMIN || briefing.isHost(viewer.userId());
    }

    private static BriefingPayload briefingPayload(java.util.function.Supplier<Briefing> write) {
        try {
            return new BriefingPayload(write.get(), List.of());
        } catch (InvalidInputException e) {
            return new BriefingPayload(null, UserError.of(e));
        }
    }

    /** Only people enter rooms: a user account, not an API key. */
    private static void requireUser(Viewer viewer) {
        Permissions.require(viewer, viewer.userId() != null && NodeType.ofId(viewer.userId()).filter(t -> t == NodeType.USER).isPresent(),
                "Briefings are for people: log in with a user account.");
    }

    private static Person person(Viewer viewer) {
        return new Person(viewer.userId(), viewer.name(), viewer.agencyId());
    }

    private static List<UserError> notFound(String field, String id) {
        return List.of(new UserError(List.of(field), "NOT_FOUND", "No briefing with id " + id + " that you may enter."));
    }

    private static List<UserError> notInRoom(String field) {
        return List.of(new UserError(List.of("input", field), "NOT_IN_ROOM", "Not in the briefing's room: join it first."));
    }

    private static List<UserError> prefixed(List<UserError> errors) {
        return errors.stream().map(e -> new UserError(e.field().get(0).equals("input") ? e.field()
                : java.util.stream.Stream.concat(java.util.stream.Stream.of("input"), e.field().stream()).toList(), e.code(), e.message()))
                .toList();
    }

    private static <T> Map<String, T> byId(List<T> list, Function<T, String> id) {
        var map = new HashMap<String, T>();
        list.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}
