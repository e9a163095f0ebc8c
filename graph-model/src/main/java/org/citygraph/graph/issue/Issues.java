package org.citygraph.graph.issue;

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
import org.citygraph.graph.Relations;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;
import org.citygraph.graph.issue.IssueQueries.Anchor;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.Selection;

/**
 * Issues: reads through the viewer's rule, and the writes of the issue lifecycle. Every write runs
 * in one transaction that also appends its events to the outbox, so that a refused or failed write
 * leaves nothing behind, not even an event.
 */
public final class Issues {

    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 5000;
    public static final int MAX_NOTE = 1000;
    public static final int MAX_LINKS = 50;






    private static final String COUNT_BY_PROPERTY = """
            %s
            WHERE %s
            WITH DISTINCT i
            RETURN i.%s AS key, i.%s AS label, count(*) AS count
            ORDER BY count DESC, key""";

    /** Every district, with the issues located directly in it (zero included, for maps). */
    private static final String COUNT_BY_DISTRICT = """
            %sMATCH (d:District)
            OPTIONAL MATCH (d)<-[:LOCATED_IN]-(i:Issue)
            WHERE %s
            RETURN d.id AS key, d.name AS label, count(DISTINCT i) AS count
            ORDER BY count DESC, label""";

    private static final String COUNT_BY_OWNER = """
            %s
            WHERE %s
            MATCH (i)-[:OWNED_BY]->(a:Agency)
            RETURN a.id AS key, a.name AS label, count(DISTINCT i) AS count
            ORDER BY count DESC, label""";



    private static final String FACTS = """
            UNWIND $ids AS id
            MATCH (i:Issue {id: id})
            RETURN id, i.category AS category, i.severity AS severity,
                   COLLECT { MATCH (i)-[:LOCATED_IN]->(:District)-[:PART_OF*0..]->(d:District) RETURN DISTINCT d.id } AS districtIds,
                   COLLECT { MATCH (i)-[:OWNED_BY|INVOLVES]->(a:Agency) RETURN DISTINCT a.id } AS agencyIds""";

    private static final String HISTORY = """
            UNWIND $ids AS id
            MATCH (:Issue {id: id})-[:HAS_HISTORY]->(h:StatusChange)
            RETURN id, h ORDER BY h.at, h.seq""";

    private static final String CREATE = """
            MATCH (o:Agency {id: $ownerId})
            CREATE (i:Issue {id: $id, title: $title, summary: $summary, category: $category, severity: $severity,
                             severityRank: $severityRank, status: 'OPEN', visibility: $visibility,
                             createdAt: datetime(), updatedAt: datetime()})
            CREATE (i)-[:OWNED_BY]->(o)
            CREATE (i)-[:HAS_HISTORY]->(:StatusChange {seq: 1, to: 'OPEN', at: datetime(), by: $by, byId: $byId, note: $note})
            WITH i
            CALL (i) {
              UNWIND $districtIds AS districtId
              MATCH (d:District {id: districtId})
              MERGE (i)-[:LOCATED_IN]->(d)
            }
            CALL (i) {
              UNWIND $involvedIds AS agencyId
              MATCH (a:Agency {id: agencyId})
              MERGE (i)-[:INVOLVES]->(a)
            }
            RETURN i""";

    private static final String VISIBLE = """
            MATCH (i:Issue {id: $id})
            WHERE %s
            RETURN i""".formatted(ViewerRules.ISSUE);

    /** Takes the write lock on the issue first, so that what is read next is what the change applies to. */
    private static final String LOCK = """
            MATCH (i:Issue {id: $id})
            WHERE %s
            SET i.id = i.id
            RETURN i""".formatted(ViewerRules.ISSUE);

    private static final String UPDATE = """
            MATCH (i:Issue {id: $id})
            SET i += $props, i.updatedAt = datetime()
            RETURN i""";

    private static final String CHANGE_OWNER = """
            MATCH (i:Issue {id: $id}), (o:Agency {id: $ownerId})
            OPTIONAL MATCH (i)-[old:OWNED_BY]->()
            DELETE old
            CREATE (i)-[:OWNED_BY]->(o)""";

    private static final String CHANGE_STATUS = """
            MATCH (i:Issue {id: $id})
            OPTIONAL MATCH (i)-[:HAS_HISTORY]->(prev:StatusChange)
            WITH i, coalesce(max(prev.seq), 0) AS last
            SET i.status = $to, i.updatedAt = datetime(),
                i.resolvedAt = CASE WHEN $to = 'RESOLVED' THEN datetime() WHEN $to = 'REOPENED' THEN null ELSE i.resolvedAt END
            CREATE (i)-[:HAS_HISTORY]->(:StatusChange {seq: last + 1, from: $from, to: $to, at: datetime(), by: $by, byId: $byId, note: $note})
            RETURN i""";

    private static final String LINK = """
            MATCH (i:Issue {id: $id})
            CALL (i) {
              UNWIND $districtIds AS targetId
              MATCH (d:District {id: targetId})
              MERGE (i)-[:LOCATED_IN]->(d)
            }
            CALL (i) {
              UNWIND $agencyIds AS targetId
              MATCH (a:Agency {id: targetId})
              MERGE (i)-[:INVOLVES]->(a)
            }
            CALL (i) {
              UNWIND $datasetIds AS targetId
              MATCH (ds:Dataset {id: targetId})
              MERGE (ds)-[:EVIDENCES]->(i)
            }
            CALL (i) {
              UNWIND $issueIds AS targetId
              MATCH (other:Issue {id: targetId})
              WHERE NOT EXISTS { MATCH (i)-[:RELATED_TO]-(other) }
              CREATE (i)-[:RELATED_TO]->(other)
            }
            SET i.updatedAt = datetime()
            RETURN i""";

    private static final String UNLINK = """
            MATCH (i:Issue {id: $id})
            OPTIONAL MATCH (i)-[r:LOCATED_IN|INVOLVES|RELATED_TO]-(target)
            WHERE target.id IN $targetIds
            OPTIONAL MATCH (i)<-[e:EVIDENCES]-(ds:Dataset)
            WHERE ds.id IN $targetIds
            DELETE r, e
            WITH DISTINCT i
            SET i.updatedAt = datetime()
            RETURN i""";

    private final Graph graph;
    private final Reads reads;

    public Issues(Graph graph) {
        this.graph = graph;
        this.reads = new Reads(graph);
    }

    // ------------------------------------------------------------------ reads

    public Optional<Issue> byId(Viewer viewer, String id) {
        return byIds(viewer, List.of(id)).stream().findFirst();
    }

    public List<Issue> byIds(Viewer viewer, Collection<String> ids) {
        return reads.byIds(viewer, NodeType.ISSUE, ids, Selection.ALL).values().stream().map(l -> (Issue) l.node()).toList();
    }

    /** The issue as the viewer may see it, read inside the caller's transaction. */
    public Optional<Issue> byIdIn(Graph.Tx tx, Viewer viewer, String id) {
        return tx.run(VISIBLE, Map.of("id", id, "viewer", viewer.asParameter())).list(r -> Issue.from(r.get("i"))).stream().findFirst();
    }

    /** Counts of the issues the viewer may see, by one dimension; one statement. */
    public List<IssueCount> counts(Viewer viewer, IssueFilter filter, IssueCount.Dimension by) {
        var f = IssueQueries.normalize(filter);
        var params = new HashMap<String, Object>();
        params.put("f", IssueQueries.parameters(f));
        params.put("viewer", viewer.asParameter());
        if (by == IssueCount.Dimension.DISTRICT && OpenIssueCounts.covers(f)) {
            var counted = OpenIssueCounts.readParameters(viewer.asParameter());
            return graph.readOne(OpenIssueCounts.READ, counted, rows -> rows.list(r -> new IssueCount(r.get("key").asString(),
                    r.get("label").asString(), r.get("count").asLong())));
        }
        String cypher;
        if (by == IssueCount.Dimension.DISTRICT) {
            var where = IssueQueries.predicates(f, Anchor.ALL);
            cypher = COUNT_BY_DISTRICT.formatted(IssueQueries.textPrefix(f, Anchor.ALL), String.join("\n  AND ", where));
        } else {
            var anchor = IssueQueries.rootAnchor(f);
            var where = String.join("\n  AND ", IssueQueries.predicates(f, anchor));
            var prefix = IssueQueries.textPrefix(f, anchor);
            cypher = prefix + switch (by) {
                case OWNER -> COUNT_BY_OWNER.formatted(anchor.match, where);
                case CATEGORY -> COUNT_BY_PROPERTY.formatted(anchor.match, where, "category", "category");
                case SEVERITY -> COUNT_BY_PROPERTY.formatted(anchor.match, where, "severity", "severity");
                case STATUS -> COUNT_BY_PROPERTY.formatted(anchor.match, where, "status", "status");
                case DISTRICT -> throw new IllegalStateException();
            };
        }
        return graph.readOne(cypher, params, rows -> rows.list(r -> new IssueCount(r.get("key").asString(),
                r.get("label").asString(), r.get("count").asLong())));
    }

    /** Facts for matching event filters, regardless of visibility (the caller checks that separately). */
    public Map<String, IssueFacts> facts(Collection<String> issueIds) {
        return Relations.grouped(graph, FACTS, issueIds, r -> new IssueFacts(r.get("id").asString(),
                java.util.Set.copyOf(r.get("districtIds").asList(v -> v.asString())),
                java.util.Set.copyOf(r.get("agencyIds").asList(v -> v.asString())),
                IssueCategory.valueOf(r.get("category").asString()), Severity.valueOf(r.get("severity").asString())))
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    /** Status histories, oldest first; the caller has read the issues through the viewer's rule. */
    public Map<String, List<StatusChange>> history(Collection<String> issueIds) {
        return Relations.grouped(graph, HISTORY, issueIds, r -> StatusChange.from(r.get("h")));
    }

    // ------------------------------------------------------------------ writes

    public Written<Issue> create(Viewer actor, IssueDraft draft) {
        return graph.write(tx -> {
            var pending = new ArrayList<Outbox.Pending>();
            var issue = createIn(tx, actor, draft, pending);
            return new Written<>(issue, Outbox.append(tx, actor, pending));
        });
    }

    /**
     * Creates an issue inside the caller's write transaction, so that another write (opening an issue
     * from complaints) commits with it or not at all; adds its event to {@code pending}.
     */
    public Issue createIn(Graph.Tx tx, Viewer actor, IssueDraft draft, List<Outbox.Pending> pending) {
        validate(draft);
        var id = NodeType.ISSUE.newId();
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("title", draft.title().strip());
        params.put("summary", draft.summary() == null ? "" : draft.summary().strip());
        params.put("category", draft.category().name());
        params.put("severity", draft.severity().name());
        params.put("severityRank", draft.severity().rank());
        params.put("visibility", (draft.visibility() == null ? Visibility.PUBLIC : draft.visibility()).name());
        params.put("ownerId", draft.ownerId());
        params.put("districtIds", distinct(draft.districtIds()));
        params.put("involvedIds", distinct(draft.involvedAgencyIds()));
        params.put("by", actor.name());
        params.put("byId", actor.userId());
        params.put("note", draft.note());
        Existence.require(tx, NodeType.AGENCY, List.of(draft.ownerId()), "ownerId");
        Existence.require(tx, NodeType.DISTRICT, distinct(draft.districtIds()), "districtIds");
        Existence.require(tx, NodeType.AGENCY, distinct(draft.involvedAgencyIds()), "involvedAgencyIds");
        var issue = Issue.from(tx.run(CREATE, params).single().get("i"));
        OpenIssueCounts.refresh(tx, distinct(draft.districtIds()));
        var related = new ArrayList<String>(distinct(draft.districtIds()));
        related.add(draft.ownerId());
        related.addAll(distinct(draft.involvedAgencyIds()));
        pending.add(new Outbox.Pending(EventKind.ISSUE_CREATED, id, related, List.of()));
        return issue;
    }

    public Written<Issue> update(Viewer actor, String id, IssueChanges changes) {
        validate(changes);
        return graph.write(tx -> {
            var current = lock(tx, actor, id);
            if (changes.ownerId() != null) {
                Existence.require(tx, NodeType.AGENCY, List.of(changes.ownerId()), "ownerId");
            }
            var props = new HashMap<String, Object>();
            var changed = new ArrayList<String>();
            putIfChanged(props, changed, "title", changes.title() == null ? null : changes.title().strip(), current.title());
            putIfChanged(props, changed, "summary", changes.summary() == null ? null : changes.summary().strip(), current.summary());
            putIfChanged(props, changed, "category", name(changes.category()), name(current.category()));
            if (putIfChanged(props, changed, "severity", name(changes.severity()), name(current.severity()))) {
                props.put("severityRank", changes.severity().rank());
            }
            putIfChanged(props, changed, "visibility", name(changes.visibility()), name(current.visibility()));
            if (changes.ownerId() != null) {
                var owners = tx.run("MATCH (:Issue {id: $id})-[:OWNED_BY]->(o:Agency) RETURN o.id AS id", Map.of("id", id))
                        .list(r -> r.get("id").asString());
                if (!owners.equals(List.of(changes.ownerId()))) {
                    tx.run(CHANGE_OWNER, Map.of("id", id, "ownerId", changes.ownerId()));
                    changed.add("owner");
                }
            }
            if (changed.isEmpty()) {
                return new Written<>(current, List.of());
            }
            var issue = Issue.from(tx.run(UPDATE, Map.of("id", id, "props", props)).single().get("i"));
            if (changed.contains("visibility")) {
                OpenIssueCounts.refresh(tx, OpenIssueCounts.districtsOf(tx, id));
            }
            var related = changes.ownerId() == null ? List.<String>of() : List.of(changes.ownerId());
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.ISSUE_UPDATED, id, related, changed)));
            return new Written<>(issue, events);
        });
    }

    /** Moves an issue along its lifecycle; an illegal move is refused and nothing changes. */
    public Written<Issue> changeStatus(Viewer actor, String id, IssueStatus to, String note) {
        Objects.requireNonNull(to, "to");
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "TOO_LONG", "The note is longer than " + MAX_NOTE + " characters.");
        }
        return graph.write(tx -> {
            var current = lock(tx, actor, id);
            if (!current.status().canMoveTo(to)) {
                throw new InvalidInputException("to", "ILLEGAL_TRANSITION",
                        "An issue that is " + current.status() + " can move to " + current.status().next() + ", not to " + to + ".");
            }
            var params = new HashMap<String, Object>();
            params.put("id", id);
            params.put("from", current.status().name());
            params.put("to", to.name());
            params.put("by", actor.name());
            params.put("byId", actor.userId());
            params.put("note", note);
            var issue = Issue.from(tx.run(CHANGE_STATUS, params).single().get("i"));
            if (current.status().isOpen() != to.isOpen()) {
                OpenIssueCounts.refresh(tx, OpenIssueCounts.districtsOf(tx, id));
            }
            var events = Outbox.append(tx, actor,
                    List.of(new Outbox.Pending(EventKind.ISSUE_STATUS_CHANGED, id, List.of(), List.of("status"))));
            return new Written<>(issue, events);
        });
    }

    /**
     * Links an issue to districts (located in), agencies (involves), datasets (evidence) and other
     * issues (related), chosen by the type of each target id. Linking twice changes nothing.
     */
    public Written<Issue> link(Viewer actor, String id, List<String> targetIds) {
        var targets = byType(targetIds, id);
        return graph.write(tx -> {
            lock(tx, actor, id);
            targets.forEach((type, ids) -> Existence.require(tx, type, ids, "targetIds"));
            var params = new HashMap<String, Object>();
            params.put("id", id);
            params.put("districtIds", targets.getOrDefault(NodeType.DISTRICT, List.of()));
            params.put("agencyIds", targets.getOrDefault(NodeType.AGENCY, List.of()));
            params.put("datasetIds", targets.getOrDefault(NodeType.DATASET, List.of()));
            params.put("issueIds", targets.getOrDefault(NodeType.ISSUE, List.of()));
            var issue = Issue.from(tx.run(LINK, params).single().get("i"));
            OpenIssueCounts.refresh(tx, targets.getOrDefault(NodeType.DISTRICT, List.of()));
            var events = Outbox.append(tx, actor,
                    List.of(new Outbox.Pending(EventKind.ISSUE_LINKED, id, distinct(targetIds), List.of())));
            return new Written<>(issue, events);
        });
    }

    public Written<Issue> unlink(Viewer actor, String id, List<String> targetIds) {
        var targets = byType(targetIds, id);
        return graph.write(tx -> {
            lock(tx, actor, id);
            var issue = Issue.from(tx.run(UNLINK, Map.of("id", id, "targetIds", distinct(targetIds))).single().get("i"));
            OpenIssueCounts.refresh(tx, targets.getOrDefault(NodeType.DISTRICT, List.of()));
            var events = Outbox.append(tx, actor,
                    List.of(new Outbox.Pending(EventKind.ISSUE_UNLINKED, id, distinct(targetIds), List.of())));
            return new Written<>(issue, events);
        });
    }

    private Issue lock(Graph.Tx tx, Viewer actor, String id) {
        var rows = tx.run(LOCK, Map.of("id", id, "viewer", actor.asParameter())).list(r -> Issue.from(r.get("i")));
        if (rows.isEmpty()) {
            throw new NotFoundException("id", id);
        }
        return rows.get(0);
    }

    private static Map<NodeType, List<String>> byType(List<String> targetIds, String issueId) {
        if (targetIds == null || targetIds.isEmpty()) {
            throw new InvalidInputException("targetIds", "REQUIRED", "Name at least one district, agency, dataset or issue.");
        }
        if (targetIds.size() > MAX_LINKS) {
            throw new InvalidInputException("targetIds", "TOO_MANY", "Link at most " + MAX_LINKS + " nodes at once.");
        }
        var byType = new LinkedHashMap<NodeType, List<String>>();
        for (var targetId : distinct(targetIds)) {
            if (targetId.equals(issueId)) {
                throw new InvalidInputException("targetIds", "SELF_LINK", "An issue cannot be linked to itself.");
            }
            var type = NodeType.ofId(targetId).filter(t -> t != NodeType.NEWS_ITEM)
                    .orElseThrow(() -> new InvalidInputException("targetIds", "NOT_LINKABLE",
                            "'" + targetId + "' is not the id of a district, agency, dataset or issue."));
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(targetId);
        }
        return byType;
    }

    private static void validate(IssueDraft draft) {
        var errors = new ArrayList<FieldError>();
        checkTitle(draft.title(), true, errors);
        checkLength("summary", draft.summary(), MAX_SUMMARY, errors);
        checkLength("note", draft.note(), MAX_NOTE, errors);
        if (draft.category() == null) {
            errors.add(error("category", "REQUIRED", "Choose a category."));
        }
        if (draft.severity() == null) {
            errors.add(error("severity", "REQUIRED", "Choose a severity."));
        }
        if (draft.ownerId() == null || draft.ownerId().isBlank()) {
            errors.add(error("ownerId", "REQUIRED", "Name the agency that owns the issue."));
        }
        if (draft.districtIds() != null && draft.districtIds().size() > MAX_LINKS) {
            errors.add(error("districtIds", "TOO_MANY", "At most " + MAX_LINKS + " districts."));
        }
        if (draft.involvedAgencyIds() != null && draft.involvedAgencyIds().size() > MAX_LINKS) {
            errors.add(error("involvedAgencyIds", "TOO_MANY", "At most " + MAX_LINKS + " agencies."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void validate(IssueChanges changes) {
        var errors = new ArrayList<FieldError>();
        if (changes.isEmpty()) {
            errors.add(error("input", "EMPTY", "Give at least one field to change."));
        }
        if (changes.title() != null) {
            checkTitle(changes.title(), true, errors);
        }
        checkLength("summary", changes.summary(), MAX_SUMMARY, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkTitle(String title, boolean required, List<FieldError> errors) {
        if (title == null || title.isBlank()) {
            if (required) {
                errors.add(error("title", "REQUIRED", "The title must not be empty."));
            }
        } else if (title.strip().length() > MAX_TITLE) {
            errors.add(error("title", "TOO_LONG", "The title is longer than " + MAX_TITLE + " characters."));
        }
    }

    private static void checkLength(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(error(field, "TOO_LONG", "The " + field + " is longer than " + max + " characters."));
        }
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }

    private static boolean putIfChanged(Map<String, Object> props, List<String> changed, String field, Object next, Object current) {
        if (next != null && !next.equals(current)) {
            props.put(field, next);
            changed.add(field);
            return true;
        }
        return false;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).distinct().toList();
    }
}
