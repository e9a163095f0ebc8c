package org.citygraph.graph.complaint;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueDraft;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Severity;

/**
 * Complaints: intake, the staff's triage (assign, reply, merge, attach to an issue, open an issue),
 * duplicate suggestions, and reads. A complaint's own fields are public, as Open311 publishes them;
 * the complainant's contact details sit on a separate node that only {@link #contacts} reads, under
 * {@link ViewerRules#COMPLAINT_CONTACT}. Every write appends its events in the same transaction.
 */
public final class Complaints {

    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_ADDRESS = 300;
    public static final int MAX_NOTES = 2000;
    public static final int MAX_CONTACT_FIELD = 200;
    public static final int MAX_URL = 2000;

    /** The columns of {@link Complaint#from}: the node and the ids of its relationships. */
    static final String RETURN = """
            RETURN c,
                   COLLECT { MATCH (c)-[:LOCATED_IN]->(d:District) RETURN d.id LIMIT 1 }[0] AS districtId,
                   COLLECT { MATCH (c)-[:ASSIGNED_TO]->(a:Agency) RETURN a.id LIMIT 1 }[0] AS agencyId,
                   COLLECT { MATCH (c)-[:ASSIGNED_TO]->(a:Agency) RETURN a.name LIMIT 1 }[0] AS agencyName,
                   COLLECT { MATCH (c)-[:ABOUT]->(i:Issue) RETURN i.id LIMIT 1 }[0] AS issueId,
                   COLLECT { MATCH (c)-[:DUPLICATE_OF]->(o:Complaint) RETURN o.id LIMIT 1 }[0] AS duplicateOfId""";

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (c:Complaint {id: id})
            """ + RETURN;

    private static final String LIST = """
            MATCH (c:Complaint)
            WHERE ($serviceCodes IS NULL OR c.serviceCode IN $serviceCodes)
              AND ($categories IS NULL OR c.category IN $categories)
              AND ($statuses IS NULL OR c.status IN $statuses)
              AND ($from IS NULL OR c.requestedAt >= $from)
              AND ($to IS NULL OR c.requestedAt < $to)
              AND ($districtId IS NULL OR EXISTS { MATCH (c)-[:LOCATED_IN]->(:District)-[:PART_OF*0..]->(:District {id: $districtId}) })
              AND ($agencyId IS NULL OR EXISTS { MATCH (c)-[:ASSIGNED_TO]->(:Agency {id: $agencyId}) })
              AND ($issueId IS NULL OR EXISTS { MATCH (c)-[:ABOUT]->(:Issue {id: $issueId}) })
              AND ($unassignedToIssue = false OR NOT EXISTS { MATCH (c)-[:ABOUT]->(:Issue) })
              AND %s
            WITH c ORDER BY %s LIMIT $limit
            """;

    private static final String COUNT = """
            MATCH (c:Complaint)
            WHERE ($serviceCodes IS NULL OR c.serviceCode IN $serviceCodes)
              AND ($categories IS NULL OR c.category IN $categories)
              AND ($statuses IS NULL OR c.status IN $statuses)
              AND ($from IS NULL OR c.requestedAt >= $from)
              AND ($to IS NULL OR c.requestedAt < $to)
              AND ($districtId IS NULL OR EXISTS { MATCH (c)-[:LOCATED_IN]->(:District)-[:PART_OF*0..]->(:District {id: $districtId}) })
              AND ($agencyId IS NULL OR EXISTS { MATCH (c)-[:ASSIGNED_TO]->(:Agency {id: $agencyId}) })
              AND ($issueId IS NULL OR EXISTS { MATCH (c)-[:ABOUT]->(:Issue {id: $issueId}) })
              AND ($unassignedToIssue = false OR NOT EXISTS { MATCH (c)-[:ABOUT]->(:Issue) })
            RETURN count(c) AS total""";

    private static final String CONTACTS = """
            UNWIND $ids AS id
            MATCH (c:Complaint {id: id})-[:FILED_BY]->(p:ComplaintContact)
            WHERE %s
            RETURN id, p""".formatted(ViewerRules.COMPLAINT_CONTACT);

    private static final String CREATE = """
            CREATE (c:Complaint {id: $id, serviceCode: $serviceCode, serviceName: $serviceName, category: $category,
                                 description: $description, status: 'OPEN', requestedAt: $requestedAt, updatedAt: $requestedAt,
                                 address: $address, latitude: $latitude, longitude: $longitude, mediaUrl: $mediaUrl,
                                 location: CASE WHEN $latitude IS NULL THEN null
                                                ELSE point({latitude: $latitude, longitude: $longitude}) END})
            WITH c
            CALL (c) {
              WITH c WHERE $contact IS NOT NULL
              CREATE (c)-[:FILED_BY]->(:ComplaintContact {firstName: $contact.firstName, lastName: $contact.lastName,
                     email: $contact.email, phone: $contact.phone, deviceId: $contact.deviceId, accountId: $contact.accountId})
            }
            CALL (c) {
              MATCH (d:District {id: $districtId})
              CREATE (c)-[:LOCATED_IN]->(d)
            }
            CALL (c) {
              MATCH (a:Agency {id: $agencyId})
              CREATE (c)-[:ASSIGNED_TO]->(a)
            }
            CALL (c) {
              UNWIND $mentions AS m
              MATCH (target {id: m.id}) WHERE target:District OR target:Agency OR target:Issue
              CREATE (c)-[:MENTIONS {text: m.text, confidence: m.confidence}]->(target)
            }
            RETURN c""";

    /** Same category, within the distance and the time window before it, not merged away; nearest first. */
    private static final String SUGGEST_DUPLICATES = """
            MATCH (c:Complaint {id: $id})
            WHERE c.location IS NOT NULL
            MATCH (o:Complaint)
            WHERE o.category = c.category AND o.id <> c.id
              AND o.requestedAt >= c.requestedAt - $window AND o.requestedAt <= c.requestedAt
              AND o.location IS NOT NULL AND point.distance(o.location, c.location) <= $meters
              AND NOT EXISTS { MATCH (o)-[:DUPLICATE_OF]->() }
            WITH c, o, point.distance(o.location, c.location) AS meters
            ORDER BY meters, o.requestedAt DESC
            LIMIT 5
            CREATE (c)-[:MAY_DUPLICATE {meters: meters}]->(o)
            RETURN o.id AS id""";

    private static final String SUGGESTIONS = """
            UNWIND $ids AS id
            MATCH (:Complaint {id: id})-[s:MAY_DUPLICATE]->(o:Complaint)
            WITH id, o, s ORDER BY s.meters
            RETURN id, o.id AS other, s.meters AS meters""";

    private static final String MENTIONS = """
            UNWIND $ids AS id
            MATCH (:Complaint {id: id})-[m:MENTIONS]->(t)
            WHERE t:District OR t:Agency OR (t:Issue AND %s)
            RETURN id, CASE WHEN t:District THEN 'DISTRICT' WHEN t:Agency THEN 'AGENCY' ELSE 'ISSUE' END AS type,
                   t, m.text AS text, m.confidence AS confidence
            ORDER BY id, confidence DESC""".formatted(ViewerRules.issue("t"));

    private static final String DISTRICT_AT = """
            MATCH (d:District)
            WHERE d.level <> 'CITY' AND d.latitude IS NOT NULL AND d.longitude IS NOT NULL
            WITH d, point.distance(point({latitude: d.latitude, longitude: d.longitude}),
                                   point({latitude: $latitude, longitude: $longitude})) AS meters
            WHERE meters <= $maxMeters
            RETURN d.id AS id ORDER BY meters LIMIT 1""";

    private static final String LINEAGE = """
            MATCH (:District {id: $id})-[:PART_OF*0..]->(d:District)
            RETURN DISTINCT d.id AS id""";

    private static final String COUNT_BY_ISSUE = """
            UNWIND $ids AS id
            RETURN id, COUNT { MATCH (:Complaint)-[:ABOUT]->(:Issue {id: id}) } AS count""";

    private static final String LOCK = """
            MATCH (c:Complaint {id: $id})
            SET c.id = c.id
            """ + RETURN;

    private static final String ASSIGN = """
            MATCH (c:Complaint {id: $id}), (a:Agency {id: $agencyId})
            OPTIONAL MATCH (c)-[old:ASSIGNED_TO]->()
            DELETE old
            CREATE (c)-[:ASSIGNED_TO]->(a)
            SET c.updatedAt = datetime(), c.status = CASE c.status WHEN 'OPEN' THEN 'IN_PROGRESS' ELSE c.status END""";

    private static final String REPLY = """
            MATCH (c:Complaint {id: $id})
            SET c.status = $status, c.statusNotes = $notes, c.updatedAt = datetime(),
                c.expectedAt = CASE WHEN $expectedAt IS NULL THEN c.expectedAt ELSE $expectedAt END""";

    private static final String MERGE = """
            MATCH (c:Complaint {id: $id}), (o:Complaint {id: $into})
            CREATE (c)-[:DUPLICATE_OF]->(o)
            WITH c
            OPTIONAL MATCH (c)-[s:MAY_DUPLICATE]->()
            DELETE s
            WITH DISTINCT c
            SET c.status = 'CLOSED', c.statusNotes = $notes, c.updatedAt = datetime()""";

    private static final String ATTACH = """
            UNWIND $ids AS id
            MATCH (c:Complaint {id: id}), (i:Issue {id: $issueId})
            OPTIONAL MATCH (c)-[old:ABOUT]->()
            DELETE old
            WITH DISTINCT c, i
            CREATE (c)-[:ABOUT]->(i)
            SET c.updatedAt = datetime(), c.status = CASE c.status WHEN 'OPEN' THEN 'IN_PROGRESS' ELSE c.status END,
                i.updatedAt = datetime()
            RETURN c.id AS id""";

    private static final String RISING_MEMBERS = """
            MATCH (c:Complaint)-[:LOCATED_IN]->(:District {id: $districtId})
            WHERE c.category = $category AND c.requestedAt >= $from AND c.requestedAt < $to
              AND NOT EXISTS { MATCH (c)-[:DUPLICATE_OF]->() }
            RETURN c.id AS id ORDER BY c.requestedAt""";

    private final Graph graph;
    private final Issues issues;

    public Complaints(Graph graph, Issues issues) {
        this.graph = graph;
        this.issues = issues;
    }

    /** What the list of complaints can be narrowed to; null fields do not narrow. */
    public record Filter(List<String> serviceCodes, List<String> categories, List<ComplaintStatus> statuses,
                         OffsetDateTime from, OffsetDateTime to, String districtId, String agencyId, String issueId,
                         boolean withoutIssue) {

        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, false);

        Map<String, Object> parameters() {
            var p = new HashMap<String, Object>();
            p.put("serviceCodes", empty(serviceCodes) ? null : serviceCodes);
            p.put("categories", empty(categories) ? null : categories);
            p.put("statuses", empty(statuses) ? null : statuses.stream().map(Enum::name).toList());
            p.put("from", from);
            p.put("to", to);
            p.put("districtId", districtId);
            p.put("agencyId", agencyId);
            p.put("issueId", issueId);
            p.put("unassignedToIssue", withoutIssue);
            return p;
        }

        private static boolean empty(List<?> list) {
            return list == null || list.isEmpty();
        }
    }

    /** A suggested duplicate: another complaint of the same category nearby and recent. */
    public record Suggestion(String complaintId, double meters) {
    }

    // ------------------------------------------------------------------ reads

    public List<Complaint> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return graph.read(tx -> tx.run(BY_IDS, Map.of("ids", List.copyOf(ids))).list(Complaint::from));
    }

    public Optional<Complaint> byId(String id) {
        return byIds(List.of(id)).stream().findFirst();
    }

    /** Newest first, by keyset on the request time. */
    public Page<Complaint> list(Filter filter, PageRequest page, boolean count) {
        var keyset = Keyset.of("c", "requestedAt", true, page);
        var params = new HashMap<String, Object>((filter == null ? Filter.ALL : filter).parameters());
        params.putAll(keyset.parameters());
        var cypher = LIST.formatted(keyset.predicate(), keyset.orderBy()) + RETURN;
        return graph.read(tx -> {
            var rows = tx.run(cypher, params).list(Complaint::from);
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, c -> new Cursor(c.requestedAt(), c.id()), total);
        });
    }

    /**
     * The contact details of the complaints whose complainants the viewer may know: admins, and
     * staff of the agency responsible. The others are simply absent from the map.
     */
    public Map<String, ComplaintContact> contacts(Viewer viewer, Collection<String> ids) {
        if (ids.isEmpty() || !(viewer.role() == Viewer.Role.ADMIN || viewer.role() == Viewer.Role.STAFF)) {
            return Map.of();
        }
        return graph.read(tx -> {
            var result = new LinkedHashMap<String, ComplaintContact>();
            tx.run(CONTACTS, Map.of("ids", List.copyOf(ids), "viewer", viewer.asParameter()))
                    .forEachRemaining(r -> result.put(r.get("id").asString(), ComplaintContact.from(r.get("p"))));
            return result;
        });
    }

    /** Suggested duplicates of each complaint, nearest first. */
    public Map<String, List<Suggestion>> suggestions(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return graph.read(tx -> {
            var result = new LinkedHashMap<String, List<Suggestion>>();
            tx.run(SUGGESTIONS, Map.of("ids", List.copyOf(ids))).forEachRemaining(r -> result
                    .computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>())
                    .add(new Suggestion(r.get("other").asString(), r.get("meters").asDouble())));
            return result;
        });
    }

    /** What each complaint's text names, strongest first; internal issues only for those who may see them. */
    public Map<String, List<org.citygraph.graph.news.Mention>> mentions(Viewer viewer, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return graph.read(tx -> {
            var result = new LinkedHashMap<String, List<org.citygraph.graph.news.Mention>>();
            tx.run(MENTIONS, Map.of("ids", List.copyOf(ids), "viewer", viewer.asParameter())).forEachRemaining(r -> {
                var type = NodeType.valueOf(r.get("type").asString());
                org.citygraph.graph.GraphNode subject = switch (type) {
                    case DISTRICT -> org.citygraph.graph.district.District.from(r.get("t"));
                    case AGENCY -> org.citygraph.graph.agency.Agency.from(r.get("t"));
                    default -> Issue.from(r.get("t"));
                };
                result.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>()).add(new org.citygraph.graph.news.Mention(
                        type, subject, r.get("text").asString(), r.get("confidence").asDouble()));
            });
            return result;
        });
    }

    /** The district whose centre is nearest to the point, if one is within {@code maxMeters}: the city's own districts only. */
    public Optional<String> districtAt(double latitude, double longitude, double maxMeters) {
        return graph.read(tx -> tx.run(DISTRICT_AT, Map.of("latitude", latitude, "longitude", longitude, "maxMeters", maxMeters))
                .stream().findFirst().map(r -> r.get("id").asString()));
    }

    /** The district and every district it lies in. */
    public List<String> districtLineage(String districtId) {
        return graph.read(tx -> tx.run(LINEAGE, Map.of("id", districtId)).list(r -> r.get("id").asString()));
    }

    /** How many complaints each issue gathers. */
    public Map<String, Long> countsByIssue(Collection<String> issueIds) {
        if (issueIds.isEmpty()) {
            return Map.of();
        }
        return graph.read(tx -> {
            var result = new HashMap<String, Long>();
            tx.run(COUNT_BY_ISSUE, Map.of("ids", List.copyOf(issueIds)))
                    .forEachRemaining(r -> result.put(r.get("id").asString(), r.get("count").asLong()));
            return result;
        });
    }

    // ------------------------------------------------------------------ writes

    /**
     * Stores a new complaint with its contact, place, responsible agency (the service's default when
     * it exists) and mentions, and links it to the complaints it may duplicate: those of the same
     * category within {@code duplicateMeters} and {@code duplicateWindow} before it.
     */
    public Written<Complaint> create(Viewer actor, ComplaintDraft draft, double duplicateMeters, Duration duplicateWindow) {
        var service = validate(draft);
        var id = NodeType.COMPLAINT.newId();
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("serviceCode", service.code());
        params.put("serviceName", service.nameKo());
        params.put("category", service.category().name());
        params.put("description", strip(draft.description()));
        params.put("requestedAt", draft.requestedAt() == null ? OffsetDateTime.now() : draft.requestedAt());
        params.put("address", strip(draft.address()));
        params.put("latitude", draft.latitude());
        params.put("longitude", draft.longitude());
        params.put("mediaUrl", strip(draft.mediaUrl()));
        params.put("districtId", draft.districtId());
        params.put("agencyId", service.defaultAgencyId());
        params.put("contact", contactMap(draft.contact()));
        params.put("mentions", (draft.mentions() == null ? List.<ComplaintDraft.Mentioned>of() : draft.mentions()).stream()
                .map(m -> Map.<String, Object>of("id", m.id(), "text", m.text(), "confidence", m.confidence())).toList());
        return graph.write(tx -> {
            tx.run(CREATE, params).consume();
            var duplicates = tx.run(SUGGEST_DUPLICATES, Map.of("id", id, "meters", duplicateMeters, "window", duplicateWindow))
                    .list(r -> r.get("id").asString());
            var complaint = lockRead(tx, id);
            var related = new ArrayList<String>();
            if (complaint.districtId() != null) {
                related.add(complaint.districtId());
            }
            if (complaint.agencyId() != null) {
                related.add(complaint.agencyId());
            }
            related.addAll(duplicates);
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.COMPLAINT_RECEIVED, id, related, List.of())));
            return new Written<>(complaint, events);
        });
    }

    /** Makes another agency responsible; the complaint moves to IN_PROGRESS if it was OPEN. */
    public Written<Complaint> assign(Viewer actor, String id, String agencyId) {
        require("agencyId", agencyId);
        return graph.write(tx -> {
            lockRead(tx, id);
            Existence.require(tx, NodeType.AGENCY, List.of(agencyId), "agencyId");
            tx.run(ASSIGN, Map.of("id", id, "agencyId", agencyId)).consume();
            return updated(tx, actor, id, List.of(agencyId), List.of("agency", "status"));
        });
    }

    /** Sets the status and the notes that the citizen reads (Open311's status_notes). */
    public Written<Complaint> reply(Viewer actor, String id, ComplaintStatus status, String notes, OffsetDateTime expectedAt) {
        var errors = new ArrayList<FieldError>();
        if (status == null) {
            errors.add(error("status", "REQUIRED", "Choose the status the complaint moves to."));
        }
        if (notes == null || notes.isBlank()) {
            errors.add(error("notes", "REQUIRED", "Write the reply the citizen will read."));
        } else if (notes.length() > MAX_NOTES) {
            errors.add(error("notes", "TOO_LONG", "The reply is longer than " + MAX_NOTES + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return graph.write(tx -> {
            lockRead(tx, id);
            var params = new HashMap<String, Object>();
            params.put("id", id);
            params.put("status", status.name());
            params.put("notes", notes.strip());
            params.put("expectedAt", expectedAt);
            tx.run(REPLY, params).consume();
            return updated(tx, actor, id, List.of(), List.of("status", "statusNotes"));
        });
    }

    /** Closes a complaint as a duplicate of another, which keeps going. */
    public Written<Complaint> merge(Viewer actor, String id, String intoId) {
        require("intoId", intoId);
        if (intoId.equals(id)) {
            throw new InvalidInputException(List.of(error("intoId", "SELF_MERGE", "A complaint cannot duplicate itself.")));
        }
        return graph.write(tx -> {
            var current = lockRead(tx, id);
            if (current.duplicateOfId() != null) {
                throw new InvalidInputException(List.of(error("id", "ALREADY_MERGED",
                        "This complaint was already merged into " + current.duplicateOfId() + ".")));
            }
            var into = lockRead(tx, intoId, "intoId");
            if (into.duplicateOfId() != null) {
                throw new InvalidInputException(List.of(error("intoId", "ALREADY_MERGED",
                        "That complaint was itself merged into " + into.duplicateOfId() + "; merge into that one.")));
            }
            tx.run(MERGE, Map.of("id", id, "into", intoId, "notes", "Duplicate of " + intoId + ". / 중복 민원으로 병합되었습니다."))
                    .consume();
            return updated(tx, actor, id, List.of(intoId), List.of("status", "duplicateOf"));
        });
    }

    /** Gathers complaints under an existing issue (the issue's own visibility rule applies to the actor). */
    public Written<List<Complaint>> attach(Viewer actor, List<String> ids, String issueId) {
        require("issueId", issueId);
        var distinct = distinctIds(ids);
        return graph.write(tx -> {
            if (issues.byIdIn(tx, actor, issueId).isEmpty()) {
                throw new NotFoundException("issueId", issueId);
            }
            return attachIn(tx, actor, distinct, issueId, new ArrayList<>());
        });
    }

    /**
     * Opens a new issue from complaints, in one transaction: the issue is located where they are,
     * owned by the agency responsible for the first, and gathers them all.
     */
    public Written<Issue> openIssue(Viewer actor, List<String> ids, String title, Severity severity, String summary) {
        var distinct = distinctIds(ids);
        return graph.write(tx -> {
            var complaints = new ArrayList<Complaint>();
            for (var id : distinct) {
                complaints.add(lockRead(tx, id));
            }
            var first = complaints.get(0);
            var districts = complaints.stream().map(Complaint::districtId).filter(Objects::nonNull).distinct().toList();
            var agencies = complaints.stream().map(Complaint::agencyId).filter(Objects::nonNull).distinct().toList();
            if (agencies.isEmpty()) {
                throw new InvalidInputException(List.of(error("ids", "NO_AGENCY",
                        "Assign the complaints to an agency first: it will own the issue.")));
            }
            var pending = new ArrayList<Outbox.Pending>();
            var issue = issues.createIn(tx, actor, new IssueDraft(
                    title == null || title.isBlank() ? first.serviceName() + " 민원 " + complaints.size() + "건" : title,
                    summary == null ? first.description() : summary, first.category(),
                    severity == null ? Severity.MEDIUM : severity, null, districts, agencies.get(0),
                    agencies.subList(1, agencies.size()), "민원 " + complaints.size() + "건에서 등록"), pending);
            var attached = attachIn(tx, actor, distinct, issue.id(), pending);
            return new Written<>(issue, attached.events());
        });
    }

    /** The complaints of a rising signal: one district and category, in the signal's window. */
    public List<String> members(String districtId, String category, OffsetDateTime from, OffsetDateTime to) {
        return graph.read(tx -> tx.run(RISING_MEMBERS, Map.of("districtId", districtId, "category", category,
                "from", from, "to", to)).list(r -> r.get("id").asString()));
    }

    private Written<List<Complaint>> attachIn(Graph.Tx tx, Viewer actor, List<String> ids, String issueId,
                                              List<Outbox.Pending> pending) {
        for (var id : ids) {
            lockRead(tx, id);
        }
        tx.run(ATTACH, Map.of("ids", ids, "issueId", issueId)).consume();
        var list = new ArrayList<Complaint>();
        for (var id : ids) {
            list.add(read(tx, id));
            pending.add(new Outbox.Pending(EventKind.COMPLAINT_UPDATED, id, List.of(issueId), List.of("issue", "status")));
        }
        return new Written<>(list, Outbox.append(tx, actor, pending));
    }

    private Written<Complaint> updated(Graph.Tx tx, Viewer actor, String id, List<String> related, List<String> fields) {
        var complaint = read(tx, id);
        var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.COMPLAINT_UPDATED, id, related, fields)));
        return new Written<>(complaint, events);
    }

    private static Complaint read(Graph.Tx tx, String id) {
        return tx.run(BY_IDS, Map.of("ids", List.of(id))).list(Complaint::from).get(0);
    }

    private static Complaint lockRead(Graph.Tx tx, String id) {
        return lockRead(tx, id, "id");
    }

    private static Complaint lockRead(Graph.Tx tx, String id, String field) {
        var rows = tx.run(LOCK, Map.of("id", id == null ? "" : id)).list(Complaint::from);
        if (rows.isEmpty()) {
            throw new NotFoundException(field, id);
        }
        return rows.get(0);
    }

    // ------------------------------------------------------------------ validation

    private static ComplaintService validate(ComplaintDraft draft) {
        var errors = new ArrayList<FieldError>();
        var service = ComplaintService.ofCode(draft.serviceCode());
        if (draft.serviceCode() == null || draft.serviceCode().isBlank()) {
            errors.add(error("serviceCode", "REQUIRED", "Choose the kind of complaint (a service code)."));
        } else if (service.isEmpty()) {
            errors.add(error("serviceCode", "UNKNOWN_SERVICE", "'" + draft.serviceCode() + "' is not a service code of this hub."));
        }
        if (draft.description() == null || draft.description().isBlank()) {
            errors.add(error("description", "REQUIRED", "Describe the problem."));
        } else if (draft.description().length() > MAX_DESCRIPTION) {
            errors.add(error("description", "TOO_LONG", "The description is longer than " + MAX_DESCRIPTION + " characters."));
        }
        if (draft.address() != null && draft.address().length() > MAX_ADDRESS) {
            errors.add(error("address", "TOO_LONG", "The address is longer than " + MAX_ADDRESS + " characters."));
        }
        if ((draft.latitude() == null) != (draft.longitude() == null)) {
            errors.add(error(draft.latitude() == null ? "latitude" : "longitude", "REQUIRED", "Give both latitude and longitude."));
        }
        if (draft.latitude() != null && (draft.latitude() < -90 || draft.latitude() > 90)) {
            errors.add(error("latitude", "OUT_OF_RANGE", "The latitude must be between -90 and 90."));
        }
        if (draft.longitude() != null && (draft.longitude() < -180 || draft.longitude() > 180)) {
            errors.add(error("longitude", "OUT_OF_RANGE", "The longitude must be between -180 and 180."));
        }
        if (draft.latitude() == null && (draft.address() == null || draft.address().isBlank())) {
            errors.add(error("address", "LOCATION_REQUIRED", "Give the place: latitude and longitude, or an address."));
        }
        if (draft.mediaUrl() != null && !draft.mediaUrl().isBlank()) {
            var url = draft.mediaUrl().strip();
            if (url.length() > MAX_URL || !(url.startsWith("https://") || url.startsWith("http://"))) {
                errors.add(error("mediaUrl", "INVALID_URL", "The media URL must be an http(s) URL of at most " + MAX_URL + " characters."));
            }
        }
        var contact = draft.contact();
        if (contact != null) {
            checkLength("firstName", contact.firstName(), errors);
            checkLength("lastName", contact.lastName(), errors);
            checkLength("phone", contact.phone(), errors);
            checkLength("deviceId", contact.deviceId(), errors);
            checkLength("accountId", contact.accountId(), errors);
            if (contact.email() != null && !contact.email().isBlank()
                    && (contact.email().length() > MAX_CONTACT_FIELD || !contact.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
                errors.add(error("email", "INVALID_EMAIL", "The email address is not valid."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return service.orElseThrow();
    }

    private static void checkLength(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_CONTACT_FIELD) {
            errors.add(error(field, "TOO_LONG", "The " + field + " is longer than " + MAX_CONTACT_FIELD + " characters."));
        }
    }

    private static Map<String, Object> contactMap(ComplaintContact contact) {
        if (contact == null) {
            return null;
        }
        var map = new HashMap<String, Object>();
        map.put("firstName", strip(contact.firstName()));
        map.put("lastName", strip(contact.lastName()));
        map.put("email", strip(contact.email()));
        map.put("phone", strip(contact.phone()));
        map.put("deviceId", strip(contact.deviceId()));
        map.put("accountId", strip(contact.accountId()));
        return map.values().stream().allMatch(Objects::isNull) ? null : map;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(List.of(error(field, "REQUIRED", "Give the " + field + ".")));
        }
    }

    private static List<String> distinctIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException(List.of(error("ids", "REQUIRED", "Name at least one complaint.")));
        }
        if (ids.size() > 100) {
            throw new InvalidInputException(List.of(error("ids", "TOO_MANY", "At most 100 complaints at once.")));
        }
        return ids.stream().filter(Objects::nonNull).distinct().toList();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }
}
