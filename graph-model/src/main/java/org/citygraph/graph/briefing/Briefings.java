package org.citygraph.graph.briefing;

import static org.citygraph.graph.Values.date;
import static org.citygraph.graph.Values.integer;
import static org.citygraph.graph.Values.string;
import static org.citygraph.graph.Values.strings;
import static org.citygraph.graph.Values.time;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Briefings in the graph: scheduling, invitations, agenda, slides and deck, attendance, chat, the
 * slides shown and the minutes. Who may see (and so enter) a briefing is decided here, in Cypher
 * ({@link #RULE}): the host, invitees, administrators, and staff unless the briefing is restricted.
 */
public final class Briefings {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 2000;
    public static final int MAX_CHAT = 2000;
    public static final int MAX_AGENDA = 50;
    public static final int MAX_SLIDES = 300;
    public static final int MAX_QUERY = 5000;

    /** Who may see a briefing bound to {@code b}; reads {@code $me}, {@code $staff}, {@code $admin}. */
    static final String RULE = """
            ($admin OR b.hostId = $me OR ($staff AND NOT b.restricted)
             OR EXISTS { MATCH (b)-[:INVITES]->(:User {id: $me}) })""";

    private static final String DETAIL = """
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_AGENDA]->(a:AgendaItem)
              OPTIONAL MATCH (a)-[:ABOUT]->(i:Issue)
              WITH a, i ORDER BY a.position
              RETURN collect(CASE WHEN a IS NULL THEN null
                                  ELSE {position: a.position, title: a.title, minutes: a.minutes, issueId: i.id} END) AS agenda
            }
            CALL (b) {
              OPTIONAL MATCH (b)-[:INVITES]->(u:User)
              OPTIONAL MATCH (u)-[:MEMBER_OF]->(ag:Agency)
              WITH u, ag ORDER BY u.username
              RETURN collect(CASE WHEN u IS NULL THEN null
                                  ELSE {id: u.id, name: coalesce(u.displayName, u.username), agencyId: ag.id} END) AS invitees
            }
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_SLIDE]->(s:Slide)
              WITH s ORDER BY s.position
              RETURN collect(s) AS slides
            }
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_DECK]->(d:Deck)
              RETURN d AS deck
            }
            OPTIONAL MATCH (b)-[:HOSTED_BY]->(h:User)
            OPTIONAL MATCH (h)-[:MEMBER_OF]->(ha:Agency)
            RETURN b, agenda, invitees, slides, deck, coalesce(h.displayName, h.username) AS hostName, ha.id AS hostAgencyId""";

    private static final String BY_ID = "MATCH (b:Briefing {id: $id}) WHERE " + RULE + "\n" + DETAIL;

    private static final String BY_IDS = "UNWIND $ids AS id MATCH (b:Briefing {id: id}) WHERE " + RULE + "\n" + DETAIL;

    private static final String LIST = """
            MATCH (b:Briefing)
            WHERE ($status IS NULL OR b.status = $status) AND %s AND %s
            WITH b ORDER BY %s LIMIT $limit
            """ + DETAIL;

    private static final String COUNT = """
            MATCH (b:Briefing)
            WHERE ($status IS NULL OR b.status = $status) AND %s
            RETURN count(b) AS total""".formatted(RULE);

    private static final String CREATE = """
            MATCH (h:User {id: $hostId})
            CREATE (b:Briefing {id: $id, title: $title, purpose: $purpose, scheduledStart: $scheduledStart,
                                status: 'SCHEDULED', hostId: $hostId, restricted: $restricted, removedIds: [],
                                createdAt: datetime(), updatedAt: datetime()})
            CREATE (b)-[:HOSTED_BY]->(h)
            RETURN b.id AS id""";

    private static final String UPDATE = """
            MATCH (b:Briefing {id: $id})
            SET b += $props, b.updatedAt = datetime()
            RETURN b.id AS id""";

    private static final String REPLACE_AGENDA = """
            MATCH (b:Briefing {id: $id})
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_AGENDA]->(old:AgendaItem)
              DETACH DELETE old
            }
            WITH b
            UNWIND $agenda AS item
            CREATE (b)-[:HAS_AGENDA]->(a:AgendaItem {position: item.position, title: item.title, minutes: item.minutes})
            WITH a, item
            CALL (a, item) {
              MATCH (i:Issue {id: item.issueId})
              CREATE (a)-[:ABOUT]->(i)
            }
            RETURN count(a) AS items""";

    private static final String INVITE = """
            MATCH (b:Briefing {id: $id})
            UNWIND $userIds AS userId
            MATCH (u:User {id: userId})
            MERGE (b)-[r:INVITES]->(u)
            ON CREATE SET r.at = datetime()
            RETURN count(r) AS invited""";

    private static final String UNINVITE = """
            MATCH (b:Briefing {id: $id})-[r:INVITES]->(u:User)
            WHERE u.id IN $userIds
            DELETE r
            RETURN count(r) AS removed""";

    private static final String STATUS = "MATCH (b:Briefing {id: $id}) RETURN b.status AS status, b.hostId AS hostId";

    private static final String START = """
            MATCH (b:Briefing {id: $id})
            SET b.status = 'LIVE', b.startedAt = datetime(), b.presenterId = b.hostId,
                b.currentSlide = CASE WHEN EXISTS { (b)-[:HAS_SLIDE]->() } THEN 0 ELSE null END
            RETURN b.id AS id""";

    private static final String END = """
            MATCH (b:Briefing {id: $id})
            SET b.status = 'ENDED', b.endedAt = datetime()
            WITH b
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_ATTENDANCE]->(a:Attendance)
              WHERE a.leftAt IS NULL
              SET a.leftAt = b.endedAt
            }
            RETURN b.id AS id""";

    private static final String ADD_SLIDES = """
            MATCH (b:Briefing {id: $id})
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_SLIDE]->(s:Slide)
              RETURN count(s) AS existing
            }
            UNWIND range(0, size($slides) - 1) AS n
            WITH b, existing, n, $slides[n] AS slide
            CREATE (b)-[:HAS_SLIDE]->(:Slide {position: existing + n, kind: slide.kind, title: slide.title,
                                             deckPage: slide.deckPage, query: slide.query, view: slide.view,
                                             valuePath: slide.valuePath, notes: slide.notes})
            WITH existing, count(*) AS added
            RETURN existing + added AS total""";

    private static final String SET_DECK = """
            MATCH (b:Briefing {id: $id})
            CALL (b) {
              OPTIONAL MATCH (b)-[:HAS_DECK]->(old:Deck)
              DETACH DELETE old
            }
            CREATE (b)-[:HAS_DECK]->(:Deck {fileName: $fileName, mediaType: $mediaType, size: $size, sha256: $sha256,
                                          bytes: $bytes, uploadedAt: datetime()})
            RETURN b.id AS id""";

    private static final String DECK_BYTES = """
            MATCH (b:Briefing {id: $id})-[:HAS_DECK]->(d:Deck)
            WHERE %s
            RETURN d.bytes AS bytes""".formatted(RULE);

    private static final String JOINED = """
            MATCH (b:Briefing {id: $id}), (u:User {id: $userId})
            CREATE (b)-[:HAS_ATTENDANCE]->(a:Attendance {userId: $userId, joinedAt: $at})-[:OF]->(u)
            RETURN a.joinedAt AS at""";

    private static final String LEFT = """
            MATCH (b:Briefing {id: $id})-[:HAS_ATTENDANCE]->(a:Attendance {userId: $userId})
            WHERE a.leftAt IS NULL
            SET a.leftAt = $at
            RETURN count(a) AS closed""";

    private static final String PRESENTER = """
            MATCH (b:Briefing {id: $id})
            SET b.presenterId = $userId
            RETURN b.id AS id""";

    private static final String REMOVE_PERSON = """
            MATCH (b:Briefing {id: $id})
            SET b.removedIds = CASE WHEN $userId IN b.removedIds THEN b.removedIds ELSE b.removedIds + $userId END,
                b.presenterId = CASE WHEN b.presenterId = $userId THEN b.hostId ELSE b.presenterId END
            RETURN b.id AS id""";

    /** Chat and slide changes of many rooms, written together (the room journal's group commit). */
    private static final String APPEND_CHAT = """
            UNWIND $messages AS m
            MATCH (b:Briefing {id: m.briefingId})
            CREATE (b)-[:HAS_CHAT]->(:ChatMessage {id: m.id, authorId: m.authorId, authorName: m.authorName,
                                                   text: m.text, at: m.at})""";

    private static final String APPEND_SHOWN = """
            UNWIND $shown AS s
            MATCH (b:Briefing {id: s.briefingId})
            SET b.currentSlide = s.position
            CREATE (b)-[:SHOWED]->(:SlideShown {position: s.position, title: s.title, at: s.at, byId: s.byId, byName: s.byName})""";

    private static final String CHAT = """
            MATCH (b:Briefing {id: $id})-[:HAS_CHAT]->(c:ChatMessage)
            WHERE %s
            RETURN c ORDER BY %s LIMIT $limit""";

    private static final String CHAT_COUNT = "MATCH (:Briefing {id: $id})-[:HAS_CHAT]->(c:ChatMessage) RETURN count(c) AS total";

    private static final String ATTENDANCE = """
            MATCH (b:Briefing {id: $id})-[:HAS_ATTENDANCE]->(a:Attendance)-[:OF]->(u:User)
            OPTIONAL MATCH (u)-[:MEMBER_OF]->(ag:Agency)
            RETURN a, u.id AS userId, coalesce(u.displayName, u.username) AS name, ag.id AS agencyId
            ORDER BY a.joinedAt""";

    private static final String SHOWN = """
            MATCH (b:Briefing {id: $id})-[:SHOWED]->(s:SlideShown)
            RETURN s ORDER BY s.at""";

    private static final String DECIDE = """
            MATCH (b:Briefing {id: $id})
            CREATE (b)-[:DECIDED]->(d:Decision {id: $itemId, text: $text, at: datetime(), byId: $byId, byName: $byName})
            WITH d
            CALL (d) {
              UNWIND $issueIds AS issueId
              MATCH (i:Issue {id: issueId})
              CREATE (d)-[:CONCERNS]->(i)
            }
            CALL (d) {
              UNWIND $agencyIds AS agencyId
              MATCH (a:Agency {id: agencyId})
              CREATE (d)-[:CONCERNS]->(a)
            }
            RETURN d.id AS id""";

    private static final String ACTION = """
            MATCH (b:Briefing {id: $id}), (owner:Agency {id: $ownerAgencyId})
            CREATE (b)-[:HAS_ACTION]->(x:ActionItem {id: $itemId, text: $text, due: $due, at: datetime(), byId: $byId, byName: $byName})
            CREATE (x)-[:ASSIGNED_TO]->(owner)
            WITH x
            CALL (x) {
              UNWIND $issueIds AS issueId
              MATCH (i:Issue {id: issueId})
              CREATE (x)-[:CONCERNS]->(i)
            }
            RETURN x.id AS id""";

    private static final String DECISIONS = """
            MATCH (:Briefing {id: $id})-[:DECIDED]->(d:Decision)
            CALL (d) {
              OPTIONAL MATCH (d)-[:CONCERNS]->(i:Issue)
              RETURN collect(i.id) AS issueIds
            }
            CALL (d) {
              OPTIONAL MATCH (d)-[:CONCERNS]->(a:Agency)
              RETURN collect(a.id) AS agencyIds
            }
            RETURN d, issueIds, agencyIds ORDER BY d.at""";

    private static final String ACTIONS = """
            MATCH (:Briefing {id: $id})-[:HAS_ACTION]->(x:ActionItem)-[:ASSIGNED_TO]->(owner:Agency)
            CALL (x) {
              OPTIONAL MATCH (x)-[:CONCERNS]->(i:Issue)
              RETURN collect(i.id) AS issueIds
            }
            RETURN x, owner.id AS ownerAgencyId, issueIds ORDER BY x.at""";

    private final Graph graph;

    public Briefings(Graph graph) {
        this.graph = graph;
    }

    // ------------------------------------------------------------------ reads

    /** The briefing, if it exists and the viewer may see it. */
    public Optional<Briefing> byId(Viewer viewer, String id) {
        return graph.read(tx -> tx.run(BY_ID, params(viewer, Map.of("id", id))).stream().findFirst().map(Briefings::briefing));
    }

    /** The briefings the viewer may see, among {@code ids}, in no particular order. */
    public List<Briefing> byIds(Viewer viewer, List<String> ids) {
        return graph.read(tx -> tx.run(BY_IDS, params(viewer, Map.of("ids", ids))).list(Briefings::briefing));
    }

    /** The briefings the viewer may see, latest scheduled start first. */
    public Page<Briefing> list(Viewer viewer, BriefingStatus status, PageRequest page, boolean count) {
        var keyset = Keyset.of("b", "scheduledStart", true, page);
        var extra = new HashMap<String, Object>(keyset.parameters());
        extra.put("status", status == null ? null : status.name());
        var params = params(viewer, extra);
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(RULE, keyset.predicate(), keyset.orderBy()), params).list(Briefings::briefing);
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, b -> new Cursor(b.scheduledStart(), b.id()), total);
        });
    }

    /** The chat of a briefing, oldest first; ask with {@code last} for the newest messages. */
    public Page<ChatMessage> chat(String briefingId, PageRequest page, boolean count) {
        var keyset = Keyset.of("c", "at", false, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("id", briefingId);
        return graph.read(tx -> {
            var rows = tx.run(CHAT.formatted(keyset.predicate(), keyset.orderBy()), params)
                    .list(r -> chatMessage(briefingId, r.get("c")));
            Long total = count ? tx.run(CHAT_COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, c -> new Cursor(c.at(), c.id()), total);
        });
    }

    public List<Attendance> attendance(String briefingId) {
        return graph.read(tx -> tx.run(ATTENDANCE, Map.of("id", briefingId)).list(r -> new Attendance(
                new Person(r.get("userId").asString(), string(r.get("name")), string(r.get("agencyId"))),
                time(r.get("a").get("joinedAt")), time(r.get("a").get("leftAt")))));
    }

    public List<SlideShown> slidesShown(String briefingId) {
        return graph.read(tx -> tx.run(SHOWN, Map.of("id", briefingId)).list(r -> {
            var s = r.get("s");
            return new SlideShown(s.get("position").asInt(), string(s.get("title")), time(s.get("at")), string(s.get("byName")));
        }));
    }

    public List<Decision> decisions(String briefingId) {
        return graph.read(tx -> tx.run(DECISIONS, Map.of("id", briefingId)).list(r -> {
            var d = r.get("d");
            return new Decision(d.get("id").asString(), d.get("text").asString(), strings(r.get("issueIds")),
                    strings(r.get("agencyIds")), time(d.get("at")), string(d.get("byName")));
        }));
    }

    public List<ActionItem> actionItems(String briefingId) {
        return graph.read(tx -> tx.run(ACTIONS, Map.of("id", briefingId)).list(r -> {
            var x = r.get("x");
            return new ActionItem(x.get("id").asString(), x.get("text").asString(), r.get("ownerAgencyId").asString(),
                    date(x.get("due")), strings(r.get("issueIds")), time(x.get("at")), string(x.get("byName")));
        }));
    }

    /** The PDF of a briefing's deck, if it has one and the viewer may see the briefing. */
    public Optional<byte[]> deckBytes(Viewer viewer, String briefingId) {
        return graph.read(tx -> tx.run(DECK_BYTES, params(viewer, Map.of("id", briefingId))).stream().findFirst()
                .map(r -> r.get("bytes").asByteArray()));
    }

    // ------------------------------------------------------------------ writes

    /** Schedules a briefing hosted by {@code host} (a user account). */
    public Briefing create(Viewer host, BriefingDraft draft) {
        var errors = new ArrayList<FieldError>();
        if (draft.title() == null || draft.title().isBlank()) {
            errors.add(error("title", "REQUIRED", "Give the briefing a title."));
        }
        if (draft.scheduledStart() == null) {
            errors.add(error("scheduledStart", "REQUIRED", "Say when the briefing starts."));
        }
        if (host.userId() == null || NodeType.ofId(host.userId()).filter(t -> t == NodeType.USER).isEmpty()) {
            errors.add(error("host", "NOT_A_USER", "A briefing is hosted by a person: log in with a user account, not an API key."));
        }
        validate(draft, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var id = NodeType.BRIEFING.newId();
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("title", draft.title().strip());
        params.put("purpose", blankToNull(draft.purpose()));
        params.put("scheduledStart", draft.scheduledStart());
        params.put("hostId", host.userId());
        params.put("restricted", Boolean.TRUE.equals(draft.restricted()));
        graph.write(tx -> {
            requireReferences(tx, draft);
            tx.run(CREATE, params).consume();
            if (draft.agenda() != null) {
                tx.run(REPLACE_AGENDA, Map.of("id", id, "agenda", agenda(draft.agenda()))).consume();
            }
            if (draft.inviteeIds() != null && !draft.inviteeIds().isEmpty()) {
                tx.run(INVITE, Map.of("id", id, "userIds", draft.inviteeIds())).consume();
            }
            return id;
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    /** Changes what is given; an ended briefing no longer changes. */
    public Briefing update(String id, BriefingDraft changes) {
        var errors = new ArrayList<FieldError>();
        if (changes.title() != null && changes.title().isBlank()) {
            errors.add(error("title", "REQUIRED", "A briefing keeps a title."));
        }
        validate(changes, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var props = new HashMap<String, Object>();
        if (changes.title() != null) {
            props.put("title", changes.title().strip());
        }
        if (changes.purpose() != null) {
            props.put("purpose", blankToNull(changes.purpose()));
        }
        if (changes.scheduledStart() != null) {
            props.put("scheduledStart", changes.scheduledStart());
        }
        if (changes.restricted() != null) {
            props.put("restricted", changes.restricted());
        }
        graph.write(tx -> {
            requireStatus(tx, id, "id", BriefingStatus.SCHEDULED, BriefingStatus.LIVE);
            requireReferences(tx, changes);
            tx.run(UPDATE, Map.of("id", id, "props", props)).consume();
            if (changes.agenda() != null) {
                tx.run(REPLACE_AGENDA, Map.of("id", id, "agenda", agenda(changes.agenda()))).consume();
            }
            if (changes.inviteeIds() != null && !changes.inviteeIds().isEmpty()) {
                tx.run(INVITE, Map.of("id", id, "userIds", changes.inviteeIds())).consume();
            }
            return id;
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    public Briefing invite(String id, List<String> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError(List.of("userIds"), "REQUIRED", "Name whom to invite.")));
        }
        graph.write(tx -> {
            requireStatus(tx, id, "briefingId", BriefingStatus.SCHEDULED, BriefingStatus.LIVE);
            Existence.require(tx, NodeType.USER, userIds, "userIds");
            return tx.run(INVITE, Map.of("id", id, "userIds", List.copyOf(userIds))).consume();
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    public Briefing uninvite(String id, List<String> userIds) {
        graph.write(tx -> {
            requireStatus(tx, id, "briefingId", BriefingStatus.SCHEDULED, BriefingStatus.LIVE);
            return tx.run(UNINVITE, Map.of("id", id, "userIds", userIds == null ? List.of() : List.copyOf(userIds))).consume();
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    /** Opens the room: the host presents, the first slide (if any) is shown. */
    public Briefing start(String id) {
        graph.write(tx -> {
            requireStatus(tx, id, "id", BriefingStatus.SCHEDULED);
            return tx.run(START, Map.of("id", id)).consume();
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    /** Closes the room for good; everyone still in it is recorded as having left now. */
    public Briefing end(String id) {
        graph.write(tx -> {
            requireStatus(tx, id, "id", BriefingStatus.LIVE);
            return tx.run(END, Map.of("id", id)).consume();
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    public Briefing addSlides(String id, List<SlideDraft> slides) {
        var errors = new ArrayList<FieldError>();
        if (slides == null || slides.isEmpty()) {
            errors.add(new FieldError(List.of("input", "slides"), "REQUIRED", "Give at least one slide."));
        } else {
            for (int n = 0; n < slides.size(); n++) {
                validateSlide(slides.get(n), n, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var rows = slides.stream().map(s -> {
            var row = new HashMap<String, Object>();
            row.put("kind", s.kind().name());
            row.put("title", blankToNull(s.title()));
            row.put("deckPage", s.deckPage());
            row.put("query", s.kind() == SlideKind.LIVE_DATA ? s.query() : null);
            row.put("view", s.view() == null ? null : s.view().name());
            row.put("valuePath", blankToNull(s.valuePath()));
            row.put("notes", blankToNull(s.notes()));
            return (Object) row;
        }).toList();
        graph.write(tx -> {
            requireStatus(tx, id, "input.briefingId", BriefingStatus.SCHEDULED, BriefingStatus.LIVE);
            long total = tx.run(ADD_SLIDES, Map.of("id", id, "slides", rows)).single().get("total").asLong();
            if (total > MAX_SLIDES) {
                throw new InvalidInputException(List.of(new FieldError(List.of("input", "slides"), "TOO_MANY",
                        "A briefing holds at most " + MAX_SLIDES + " slides.")));
            }
            return total;
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    /** Stores (or replaces) the briefing's PDF deck; the caller has checked its type and size. */
    public Briefing setDeck(String id, String fileName, String mediaType, byte[] bytes, String sha256) {
        graph.write(tx -> {
            requireStatus(tx, id, "id", BriefingStatus.SCHEDULED, BriefingStatus.LIVE);
            return tx.run(SET_DECK, Map.of("id", id, "fileName", fileName, "mediaType", mediaType, "size", (long) bytes.length,
                    "sha256", sha256, "bytes", bytes)).consume();
        });
        return byId(Viewer.SYSTEM, id).orElseThrow();
    }

    public void joined(String id, String userId, OffsetDateTime at) {
        graph.write(tx -> tx.run(JOINED, Map.of("id", id, "userId", userId, "at", at)).consume());
    }

    /** Closes the person's open stay in the room; false when there was none. */
    public boolean left(String id, String userId, OffsetDateTime at) {
        return graph.write(tx -> tx.run(LEFT, Map.of("id", id, "userId", userId, "at", at)).single().get("closed").asLong()) > 0;
    }

    public void setPresenter(String id, String userId) {
        graph.write(tx -> tx.run(PRESENTER, Map.of("id", id, "userId", userId)).consume());
    }

    /** Bars a person from the rest of the briefing. */
    public void removePerson(String id, String userId) {
        graph.write(tx -> tx.run(REMOVE_PERSON, Map.of("id", id, "userId", userId)).consume());
    }

    /** A chat message to keep, or a slide change to record (exactly one of the two). */
    public record JournalEntry(ChatMessage chat, String briefingId, Integer position, String slideTitle, String byId,
                               String byName, OffsetDateTime at) {

        public static JournalEntry chat(ChatMessage message) {
            return new JournalEntry(message, message.briefingId(), null, null, message.author().id(), message.author().name(),
                    message.at());
        }

        public static JournalEntry slide(String briefingId, int position, String title, Person by, OffsetDateTime at) {
            return new JournalEntry(null, briefingId, position, title, by.id(), by.name(), at);
        }
    }

    /** Writes chat messages and slide changes of any number of rooms in one transaction, in order. */
    public void append(List<JournalEntry> entries) {
        var messages = new ArrayList<Map<String, Object>>();
        var shown = new ArrayList<Map<String, Object>>();
        for (var e : entries) {
            if (e.chat() != null) {
                var m = e.chat();
                messages.add(Map.of("id", m.id(), "briefingId", m.briefingId(), "authorId", m.author().id(),
                        "authorName", m.author().name(), "text", m.text(), "at", m.at()));
            } else {
                var row = new HashMap<String, Object>();
                row.put("briefingId", e.briefingId());
                row.put("position", e.position());
                row.put("title", e.slideTitle());
                row.put("at", e.at());
                row.put("byId", e.byId());
                row.put("byName", e.byName());
                shown.add(row);
            }
        }
        graph.write(tx -> {
            if (!messages.isEmpty()) {
                tx.run(APPEND_CHAT, Map.of("messages", messages)).consume();
            }
            if (!shown.isEmpty()) {
                tx.run(APPEND_SHOWN, Map.of("shown", shown)).consume();
            }
            return null;
        });
    }

    public static ChatMessage newChatMessage(String briefingId, Person author, String text, OffsetDateTime at) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError(List.of("text"), "REQUIRED", "Write something.")));
        }
        if (text.length() > MAX_CHAT) {
            throw new InvalidInputException(List.of(new FieldError(List.of("text"), "TOO_LONG",
                    "A chat message is at most " + MAX_CHAT + " characters.")));
        }
        return new ChatMessage("msg_" + UUID.randomUUID().toString().replace("-", ""), briefingId, author, text.strip(), at);
    }

    public Decision decide(Viewer by, String id, String text, List<String> issueIds, List<String> agencyIds) {
        requireText(text, "text");
        var itemId = "dec_" + UUID.randomUUID().toString().replace("-", "");
        graph.write(tx -> {
            requireStatus(tx, id, "input.briefingId", BriefingStatus.SCHEDULED, BriefingStatus.LIVE, BriefingStatus.ENDED);
            Existence.require(tx, NodeType.ISSUE, issueIds, "input.issueIds");
            Existence.require(tx, NodeType.AGENCY, agencyIds, "input.agencyIds");
            return tx.run(DECIDE, Map.of("id", id, "itemId", itemId, "text", text.strip(), "byId", String.valueOf(by.userId()),
                    "byName", by.name(), "issueIds", nonNull(issueIds), "agencyIds", nonNull(agencyIds))).consume();
        });
        return decisions(id).stream().filter(d -> d.id().equals(itemId)).findFirst().orElseThrow();
    }

    public ActionItem addAction(Viewer by, String id, String text, String ownerAgencyId, LocalDate due, List<String> issueIds) {
        requireText(text, "text");
        if (ownerAgencyId == null || ownerAgencyId.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError(List.of("input", "ownerAgencyId"), "REQUIRED",
                    "Say which agency does it.")));
        }
        var itemId = "act_" + UUID.randomUUID().toString().replace("-", "");
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("itemId", itemId);
        params.put("text", text.strip());
        params.put("ownerAgencyId", ownerAgencyId);
        params.put("due", due);
        params.put("byId", String.valueOf(by.userId()));
        params.put("byName", by.name());
        params.put("issueIds", nonNull(issueIds));
        graph.write(tx -> {
            requireStatus(tx, id, "input.briefingId", BriefingStatus.SCHEDULED, BriefingStatus.LIVE, BriefingStatus.ENDED);
            Existence.require(tx, NodeType.AGENCY, List.of(ownerAgencyId), "input.ownerAgencyId");
            Existence.require(tx, NodeType.ISSUE, issueIds, "input.issueIds");
            return tx.run(ACTION, params).consume();
        });
        return actionItems(id).stream().filter(a -> a.id().equals(itemId)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ helpers

    private static void requireStatus(Graph.Tx tx, String id, String field, BriefingStatus... allowed) {
        var row = tx.run(STATUS, Map.of("id", id)).stream().findFirst().orElseThrow(() -> new NotFoundException(field, id));
        var status = BriefingStatus.valueOf(row.get("status").asString());
        if (!List.of(allowed).contains(status)) {
            throw new InvalidInputException(List.of(new FieldError(List.of(field.split("\\.")), "ILLEGAL_STATUS",
                    "The briefing is " + status + "; this needs it to be " + String.join(" or ",
                            List.of(allowed).stream().map(Enum::name).toList()) + ".")));
        }
    }

    private static void validate(BriefingDraft draft, List<FieldError> errors) {
        if (draft.title() != null && draft.title().length() > MAX_TITLE) {
            errors.add(error("title", "TOO_LONG", "The title is longer than " + MAX_TITLE + " characters."));
        }
        if (draft.purpose() != null && draft.purpose().length() > MAX_TEXT) {
            errors.add(error("purpose", "TOO_LONG", "The purpose is longer than " + MAX_TEXT + " characters."));
        }
        if (draft.agenda() != null) {
            if (draft.agenda().size() > MAX_AGENDA) {
                errors.add(error("agenda", "TOO_MANY", "An agenda has at most " + MAX_AGENDA + " items."));
            }
            for (int n = 0; n < draft.agenda().size(); n++) {
                var item = draft.agenda().get(n);
                if (item.title() == null || item.title().isBlank()) {
                    errors.add(new FieldError(List.of("input", "agenda", String.valueOf(n), "title"), "REQUIRED",
                            "Every agenda item has a title."));
                } else if (item.title().length() > MAX_TITLE) {
                    errors.add(new FieldError(List.of("input", "agenda", String.valueOf(n), "title"), "TOO_LONG",
                            "An agenda item's title is at most " + MAX_TITLE + " characters."));
                }
                if (item.minutes() != null && (item.minutes() < 1 || item.minutes() > 600)) {
                    errors.add(new FieldError(List.of("input", "agenda", String.valueOf(n), "minutes"), "OUT_OF_RANGE",
                            "Plan between 1 and 600 minutes."));
                }
            }
        }
    }

    private static void validateSlide(SlideDraft slide, int n, List<FieldError> errors) {
        var at = List.of("input", "slides", String.valueOf(n));
        if (slide.kind() == null) {
            errors.add(new FieldError(path(at, "kind"), "REQUIRED", "Say what kind of slide it is."));
            return;
        }
        if (slide.title() != null && slide.title().length() > MAX_TITLE) {
            errors.add(new FieldError(path(at, "title"), "TOO_LONG", "A slide title is at most " + MAX_TITLE + " characters."));
        }
        if (slide.notes() != null && slide.notes().length() > MAX_TEXT) {
            errors.add(new FieldError(path(at, "notes"), "TOO_LONG", "Notes are at most " + MAX_TEXT + " characters."));
        }
        if (slide.kind() == SlideKind.DECK_PAGE && (slide.deckPage() == null || slide.deckPage() < 1)) {
            errors.add(new FieldError(path(at, "deckPage"), "REQUIRED", "A deck slide names its page, from 1."));
        }
        if (slide.kind() == SlideKind.LIVE_DATA) {
            if (slide.query() == null || slide.query().isBlank()) {
                errors.add(new FieldError(path(at, "query"), "REQUIRED", "A live data slide has a GraphQL query."));
            } else if (slide.query().length() > MAX_QUERY) {
                errors.add(new FieldError(path(at, "query"), "TOO_LONG", "The query is longer than " + MAX_QUERY + " characters."));
            } else if (!slide.query().strip().startsWith("{") && !slide.query().strip().startsWith("query")) {
                errors.add(new FieldError(path(at, "query"), "NOT_A_QUERY", "A live data slide reads: give a query, not a mutation."));
            }
            if (slide.view() == null) {
                errors.add(new FieldError(path(at, "view"), "REQUIRED", "Say how to show it: TABLE, BAR, LINE or KPI."));
            }
        }
    }

    private static List<String> path(List<String> at, String field) {
        var path = new ArrayList<>(at);
        path.add(field);
        return path;
    }

    private static void requireReferences(Graph.Tx tx, BriefingDraft draft) {
        if (draft.agenda() != null) {
            Existence.require(tx, NodeType.ISSUE, draft.agenda().stream().map(BriefingDraft.AgendaDraft::issueId)
                    .filter(java.util.Objects::nonNull).toList(), "input.agenda.issueId");
        }
        Existence.require(tx, NodeType.USER, draft.inviteeIds(), "input.inviteeIds");
    }

    private static List<Map<String, Object>> agenda(List<BriefingDraft.AgendaDraft> agenda) {
        var rows = new ArrayList<Map<String, Object>>();
        for (int n = 0; n < agenda.size(); n++) {
            var item = agenda.get(n);
            var row = new HashMap<String, Object>();
            row.put("position", n);
            row.put("title", item.title().strip());
            row.put("issueId", item.issueId());
            row.put("minutes", item.minutes());
            rows.add(row);
        }
        return rows;
    }

    private static void requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError(List.of("input", field), "REQUIRED", "Write what it is.")));
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(List.of(new FieldError(List.of("input", field), "TOO_LONG",
                    "At most " + MAX_TEXT + " characters.")));
        }
    }

    private static Map<String, Object> params(Viewer viewer, Map<String, Object> extra) {
        var params = new HashMap<String, Object>(extra);
        params.put("me", viewer.userId());
        params.put("staff", viewer.seesEverything());
        params.put("admin", viewer.role() == Viewer.Role.ADMIN);
        return params;
    }

    private static Briefing briefing(Record r) {
        var b = r.get("b");
        var agenda = r.get("agenda").asList(v -> new AgendaItem(v.get("position").asInt(), v.get("title").asString(),
                string(v.get("issueId")), integer(v.get("minutes"))));
        var invitees = r.get("invitees").asList(v -> new Person(v.get("id").asString(), string(v.get("name")), string(v.get("agencyId"))));
        var slides = r.get("slides").asList(Briefings::slide);
        var d = r.get("deck");
        var deck = d.isNull() ? null : new Deck(string(d.get("fileName")), string(d.get("mediaType")), d.get("size").asLong(),
                string(d.get("sha256")), time(d.get("uploadedAt")));
        var host = new Person(string(b.get("hostId")), string(r.get("hostName")), string(r.get("hostAgencyId")));
        return new Briefing(b.get("id").asString(), b.get("title").asString(), string(b.get("purpose")),
                time(b.get("scheduledStart")), BriefingStatus.valueOf(b.get("status").asString()), host,
                b.get("restricted").asBoolean(false), string(b.get("presenterId")), integer(b.get("currentSlide")),
                time(b.get("startedAt")), time(b.get("endedAt")), time(b.get("createdAt")), agenda, invitees, slides, deck,
                strings(b.get("removedIds")));
    }

    private static Slide slide(Value s) {
        var view = string(s.get("view"));
        return new Slide(s.get("position").asInt(), SlideKind.valueOf(s.get("kind").asString()), string(s.get("title")),
                integer(s.get("deckPage")), string(s.get("query")), view == null ? null : SlideView.valueOf(view),
                string(s.get("valuePath")), string(s.get("notes")));
    }

    private static ChatMessage chatMessage(String briefingId, Value c) {
        return new ChatMessage(c.get("id").asString(), briefingId,
                new Person(string(c.get("authorId")), string(c.get("authorName")), null), c.get("text").asString(), time(c.get("at")));
    }

    private static List<String> nonNull(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(ids);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }
}
