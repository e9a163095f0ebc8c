package org.citygraph.graph.dataset;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.KoreanText;
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
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.RootQuery;
import org.citygraph.graph.read.Selection;

/** The dataset catalog: reads through the viewer's rule, and the writes of staff. */
public final class Datasets {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_TERMS = 30;
    public static final int MAX_TERM_LENGTH = 60;
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$");







    private static final String CREATE = """
            MATCH (p:Agency {id: $publisherId})
            CREATE (ds:Dataset {id: $id, createdAt: datetime()})
            SET ds += $props
            SET ds.keywordText = reduce(s = '', k IN coalesce(ds.themes, []) + coalesce(ds.keywords, []) | s + ' ' + k)
            CREATE (ds)-[:PUBLISHED_BY]->(p)
            WITH ds
            CALL (ds) {
              UNWIND $districtIds AS districtId
              MATCH (d:District {id: districtId})
              MERGE (ds)-[:COVERS]->(d)
            }
            CALL (ds) {
              UNWIND $issueIds AS issueId
              MATCH (i:Issue {id: issueId})
              MERGE (ds)-[:EVIDENCES]->(i)
            }
            RETURN ds""";

    private static final String LOCK = """
            MATCH (ds:Dataset {id: $id})
            WHERE %s
            SET ds.id = ds.id
            RETURN ds""".formatted(ViewerRules.DATASET);

    private static final String UPDATE = """
            MATCH (ds:Dataset {id: $id})
            SET ds += $props
            SET ds.keywordText = reduce(s = '', k IN coalesce(ds.themes, []) + coalesce(ds.keywords, []) | s + ' ' + k)
            WITH ds
            CALL (ds) {
              WITH ds WHERE $publisherId IS NOT NULL
              MATCH (p:Agency {id: $publisherId})
              OPTIONAL MATCH (ds)-[old:PUBLISHED_BY]->()
              DELETE old
              CREATE (ds)-[:PUBLISHED_BY]->(p)
            }
            CALL (ds) {
              WITH ds WHERE $districtIds IS NOT NULL
              OPTIONAL MATCH (ds)-[old:COVERS]->()
              DELETE old
              WITH DISTINCT ds
              UNWIND $districtIds AS districtId
              MATCH (d:District {id: districtId})
              MERGE (ds)-[:COVERS]->(d)
            }
            CALL (ds) {
              WITH ds WHERE $issueIds IS NOT NULL
              OPTIONAL MATCH (ds)-[old:EVIDENCES]->()
              DELETE old
              WITH DISTINCT ds
              UNWIND $issueIds AS issueId
              MATCH (i:Issue {id: issueId})
              MERGE (ds)-[:EVIDENCES]->(i)
            }
            RETURN ds""";

    private static final String FACTS = """
            UNWIND $ids AS id
            MATCH (ds:Dataset {id: id})
            OPTIONAL MATCH (ds)-[:PUBLISHED_BY]->(p:Agency)
            RETURN id, p.id AS publisherId, coalesce(ds.themes, []) AS themes,
                   COLLECT { MATCH (ds)-[:COVERS]->(:District)-[:PART_OF*0..]->(d:District) RETURN DISTINCT d.id } AS districtIds""";

    /** How the catalog is sorted. */
    public enum Order {
        RECENTLY_MODIFIED("modifiedAt", true), TITLE("title", false);

        public final String property;
        public final boolean descending;

        Order(String property, boolean descending) {
            this.property = property;
            this.descending = descending;
        }
    }

    private final Graph graph;
    private final Reads reads;

    public Datasets(Graph graph) {
        this.graph = graph;
        this.reads = new Reads(graph);
    }

    // ------------------------------------------------------------------ reads

    public Optional<Dataset> byId(Viewer viewer, String id) {
        return byIds(viewer, List.of(id)).stream().findFirst();
    }

    public List<Dataset> byIds(Viewer viewer, Collection<String> ids) {
        return reads.byIds(viewer, NodeType.DATASET, ids, Selection.ALL).values().stream().map(l -> (Dataset) l.node()).toList();
    }

    /** Facts for matching event filters, regardless of visibility. */
    public Map<String, DatasetFacts> facts(Collection<String> datasetIds) {
        var result = new HashMap<String, DatasetFacts>();
        Relations.grouped(graph, FACTS, datasetIds, r -> new DatasetFacts(r.get("id").asString(),
                r.get("publisherId").isNull() ? null : r.get("publisherId").asString(),
                java.util.Set.copyOf(r.get("districtIds").asList(v -> v.asString())),
                java.util.Set.copyOf(r.get("themes").asList(v -> v.asString()))))
                .forEach((id, list) -> result.put(id, list.get(0)));
        return result;
    }

    /** The catalog, filtered: full-text words first when given, then the other conditions. */
    public static RootQuery rootQuery(DatasetFilter filter, Order order) {
        var f = filter == null ? DatasetFilter.NONE : filter;
        var sort = order == null ? Order.RECENTLY_MODIFIED : order;
        var text = f.text() == null ? null : KoreanText.luceneQuery(f.text(), true);
        var where = new ArrayList<String>();
        if (text != null) {
            where.add("ds:Dataset");
        }
        if (notEmpty(f.themes())) {
            where.add("any(t IN ds.themes WHERE t IN $f.themes)");
        }
        if (notEmpty(f.keywords())) {
            where.add("any(k IN ds.keywords WHERE k IN $f.keywords)");
        }
        if (notEmpty(f.publisherIds())) {
            where.add("EXISTS { MATCH (ds)-[:PUBLISHED_BY]->(p:Agency) WHERE p.id IN $f.publisherIds }");
        }
        if (notEmpty(f.districtIds())) {
            where.add("EXISTS { MATCH (ds)-[:COVERS]->(:District)-[:PART_OF*0..]->(fd:District) WHERE fd.id IN $f.districtIds }");
        }
        if (notEmpty(f.accessLevels())) {
            where.add("ds.accessLevel IN $f.accessLevels");
        }
        if (notEmpty(f.updateFrequencies())) {
            where.add("ds.updateFrequency IN $f.updateFrequencies");
        }
        where.add(ViewerRules.DATASET);
        var p = new HashMap<String, Object>();
        p.put("text", text);
        p.put("themes", f.themes());
        p.put("keywords", f.keywords());
        p.put("publisherIds", f.publisherIds());
        p.put("districtIds", f.districtIds());
        p.put("accessLevels", f.accessLevels() == null ? null : f.accessLevels().stream().map(Enum::name).toList());
        p.put("updateFrequencies", f.updateFrequencies() == null ? null : f.updateFrequencies().stream().map(Enum::name).toList());
        var match = text != null ? "CALL db.index.fulltext.queryNodes('search', $f.text) YIELD node AS ds" : "MATCH (ds:Dataset)";
        return new RootQuery("", match, "ds", where, sort.property, sort.descending, false, Map.of("f", p));
    }

    // ------------------------------------------------------------------ writes

    public Written<Dataset> create(Viewer actor, DatasetDraft draft) {
        validate(draft, true);
        var id = NodeType.DATASET.newId();
        var props = properties(draft);
        props.putIfAbsent("accessLevel", AccessLevel.PUBLIC.name());
        props.putIfAbsent("updateFrequency", UpdateFrequency.IRREGULAR.name());
        props.putIfAbsent("themes", List.of());
        props.putIfAbsent("keywords", List.of());
        props.putIfAbsent("modifiedAt", java.time.OffsetDateTime.now());
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("props", props);
        params.put("publisherId", draft.publisherId());
        params.put("districtIds", distinct(draft.districtIds()));
        params.put("issueIds", distinct(draft.issueIds()));
        return graph.write(tx -> {
            Existence.require(tx, NodeType.AGENCY, List.of(draft.publisherId()), "publisherId");
            Existence.require(tx, NodeType.DISTRICT, distinct(draft.districtIds()), "districtIds");
            Existence.require(tx, NodeType.ISSUE, distinct(draft.issueIds()), "issueIds");
            var dataset = Dataset.from(tx.run(CREATE, params).single().get("ds"));
            var related = new ArrayList<String>();
            related.add(draft.publisherId());
            related.addAll(distinct(draft.districtIds()));
            related.addAll(distinct(draft.issueIds()));
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.DATASET_CREATED, id, related, List.of())));
            return new Written<>(dataset, events);
        });
    }

    /** Changes a dataset; {@code null} fields stay, lists replace. */
    public Written<Dataset> update(Viewer actor, String id, DatasetDraft changes) {
        validate(changes, false);
        var props = properties(changes);
        var changed = new ArrayList<>(props.keySet());
        if (changes.publisherId() != null) {
            changed.add("publisher");
        }
        if (changes.districtIds() != null) {
            changed.add("districts");
        }
        if (changes.issueIds() != null) {
            changed.add("issues");
        }
        if (changed.isEmpty()) {
            throw new InvalidInputException("input", "EMPTY", "Give at least one field to change.");
        }
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("props", props);
        params.put("publisherId", changes.publisherId());
        params.put("districtIds", changes.districtIds() == null ? null : distinct(changes.districtIds()));
        params.put("issueIds", changes.issueIds() == null ? null : distinct(changes.issueIds()));
        return graph.write(tx -> {
            var rows = tx.run(LOCK, Map.of("id", id, "viewer", actor.asParameter())).list();
            if (rows.isEmpty()) {
                throw new NotFoundException("id", id);
            }
            if (changes.publisherId() != null) {
                Existence.require(tx, NodeType.AGENCY, List.of(changes.publisherId()), "publisherId");
            }
            Existence.require(tx, NodeType.DISTRICT, distinct(changes.districtIds()), "districtIds");
            Existence.require(tx, NodeType.ISSUE, distinct(changes.issueIds()), "issueIds");
            var dataset = Dataset.from(tx.run(UPDATE, params).single().get("ds"));
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.DATASET_UPDATED, id,
                    changes.publisherId() == null ? List.of() : List.of(changes.publisherId()), changed)));
            return new Written<>(dataset, events);
        });
    }

    private static Map<String, Object> properties(DatasetDraft d) {
        var props = new LinkedHashMap<String, Object>();
        putIfSet(props, "title", d.title() == null ? null : d.title().strip());
        putIfSet(props, "description", d.description());
        putIfSet(props, "themes", d.themes() == null ? null : distinct(d.themes()));
        putIfSet(props, "keywords", d.keywords() == null ? null : distinct(d.keywords()));
        putIfSet(props, "temporalStart", d.temporalStart());
        putIfSet(props, "temporalEnd", d.temporalEnd());
        putIfSet(props, "updateFrequency", d.updateFrequency() == null ? null : d.updateFrequency().name());
        putIfSet(props, "license", d.license());
        putIfSet(props, "distributionUrl", d.distributionUrl());
        putIfSet(props, "mediaType", d.mediaType());
        putIfSet(props, "accessLevel", d.accessLevel() == null ? null : d.accessLevel().name());
        putIfSet(props, "modifiedAt", d.modifiedAt());
        return props;
    }

    private static void validate(DatasetDraft d, boolean creating) {
        var errors = new ArrayList<FieldError>();
        if (d.title() == null || d.title().isBlank()) {
            if (creating || d.title() != null) {
                errors.add(error("title", "REQUIRED", "The title must not be empty."));
            }
        } else if (d.title().strip().length() > MAX_TITLE) {
            errors.add(error("title", "TOO_LONG", "The title is longer than " + MAX_TITLE + " characters."));
        }
        if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
            errors.add(error("description", "TOO_LONG", "The description is longer than " + MAX_DESCRIPTION + " characters."));
        }
        if (creating && (d.publisherId() == null || d.publisherId().isBlank())) {
            errors.add(error("publisherId", "REQUIRED", "Name the agency that publishes the dataset."));
        }
        checkTerms("themes", d.themes(), errors);
        checkTerms("keywords", d.keywords(), errors);
        if (d.temporalStart() != null && d.temporalEnd() != null && d.temporalEnd().isBefore(d.temporalStart())) {
            errors.add(error("temporalEnd", "BEFORE_START", "The temporal coverage ends before it starts."));
        }
        if (d.distributionUrl() != null && !isWebUrl(d.distributionUrl())) {
            errors.add(error("distributionUrl", "INVALID_URL", "The distribution URL must be an absolute http or https URL."));
        }
        if (d.mediaType() != null && !MEDIA_TYPE.matcher(d.mediaType()).matches()) {
            errors.add(error("mediaType", "INVALID_MEDIA_TYPE", "The media type must look like text/csv or application/json."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkTerms(String field, List<String> terms, List<FieldError> errors) {
        if (terms == null) {
            return;
        }
        if (terms.size() > MAX_TERMS) {
            errors.add(error(field, "TOO_MANY", "At most " + MAX_TERMS + " " + field + "."));
        }
        if (terms.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > MAX_TERM_LENGTH)) {
            errors.add(error(field, "INVALID_TERM", "Each of the " + field + " must be 1 to " + MAX_TERM_LENGTH + " characters."));
        }
    }

    static boolean isWebUrl(String text) {
        try {
            var uri = new URI(text);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }

    private static void putIfSet(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::strip).distinct().toList();
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
