package org.citygraph.graph.indicator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Graph;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;

/**
 * The writes of an observation import. Each batch is one transaction that merges its observation
 * days (a value given again replaces the stored one, so writing a file twice leaves the same graph),
 * and moves the import's progress; at the end the stored totals of the days it touched are
 * recomputed from their dimension combinations; the import is closed with one {@code INDICATOR_UPDATED} event per metric.
 */
public final class ObservationWrites {

    /** New days are created, known ones get the given slots (NaN in a write keeps the stored value). */
    private static final String MERGE_CELLS = """
            UNWIND $cells AS c
            OPTIONAL MATCH (o:ObservationDay {key: c.key})
            USING INDEX o:ObservationDay(key)
            CALL (c, o) {
              WITH c, o WHERE o IS NULL
              CREATE (:ObservationDay {key: c.key, metricId: c.metricId, districtId: c.districtId, dimKey: c.dimKey,
                                       dimNames: c.dimNames, dimValues: c.dimValues, day: c.day, values: c.values})
            }
            CALL (c, o) {
              WITH c, o WHERE o IS NOT NULL
              SET o.values = [i IN range(0, size(o.values) - 1) | CASE WHEN isNaN(c.values[i]) THEN o.values[i] ELSE c.values[i] END]
            }""";

    /** The metrics' known combinations, districts and time span grow with what a batch brought. */
    private static final String UPDATE_METRICS = """
            UNWIND $metrics AS u
            MATCH (m:Metric {id: u.metricId})
            SET m.dimKeys = reduce(acc = coalesce(m.dimKeys, []), k IN u.dimKeys | CASE WHEN k IN acc THEN acc ELSE acc + k END),
                m.districtIds = reduce(acc = coalesce(m.districtIds, []), k IN u.districtIds | CASE WHEN k IN acc THEN acc ELSE acc + k END),
                m.earliestAt = CASE WHEN m.earliestAt IS NULL OR u.earliest < m.earliestAt THEN u.earliest ELSE m.earliestAt END,
                m.latestAt = CASE WHEN m.latestAt IS NULL OR u.latest > m.latestAt THEN u.latest ELSE m.latestAt END""";

    /** Totals per district and day: the slot-wise sum of its combinations, NaN where none has a value. */
    private static final String ROLL_UP = """
            UNWIND $days AS k
            CALL (k) {
              MATCH (o:ObservationDay)
              USING INDEX o:ObservationDay(metricId, dimKey, districtId, day)
              WHERE o.metricId = k.metricId AND o.dimKey IN k.dimKeys AND o.districtId = k.districtId AND o.day = k.day
              RETURN collect(o.values) AS arrays
            }
            OPTIONAL MATCH (old:ObservationDay {key: k.key})
            USING INDEX old:ObservationDay(key)
            CALL (k, old) {
              WITH k, old WHERE old IS NULL
              CREATE (:ObservationDay {key: k.key, metricId: k.metricId, districtId: k.districtId, dimKey: '', dimNames: [],
                                       dimValues: [], day: k.day})
            }
            MATCH (t:ObservationDay {key: k.key})
            USING INDEX t:ObservationDay(key)
            SET t.values = [i IN range(0, k.slots - 1) |
                            reduce(s = $nan, a IN arrays | CASE WHEN isNaN(a[i]) THEN s WHEN isNaN(s) THEN a[i] ELSE s + a[i] END)]""";

    private static final String FIND_COMPLETED = """
            MATCH (i:ObservationImport {datasetId: $datasetId, fileHash: $fileHash})
            WHERE i.status = 'COMPLETED' AND i.mappingHash = $mappingHash
            RETURN i ORDER BY i.startedAt DESC LIMIT 1""";

    private static final String START = """
            CREATE (i:ObservationImport {id: $id, datasetId: $datasetId, fileName: $fileName, fileHash: $fileHash,
                                         mappingHash: $mappingHash, status: 'WRITING', rowsRead: $rowsRead,
                                         rowsImported: 0, badRows: $badRows, errors: $errors, metricIds: $metricIds,
                                         actorId: $actorId, startedAt: datetime()})
            WITH i
            MATCH (ds:Dataset {id: $datasetId})
            CREATE (i)-[:INTO]->(ds)
            RETURN i""";

    private static final String PROGRESS = """
            MATCH (i:ObservationImport {id: $id})
            SET i.rowsImported = $rowsImported""";

    private static final String FINISH = """
            MATCH (i:ObservationImport {id: $id})
            SET i.status = $status, i.rowsImported = $rowsImported, i.finishedAt = datetime()
            WITH i
            OPTIONAL MATCH (ds:Dataset {id: i.datasetId})
            SET ds.modifiedAt = CASE WHEN $status = 'COMPLETED' THEN datetime() ELSE ds.modifiedAt END
            RETURN i""";

    private static final String BY_ID = """
            MATCH (i:ObservationImport {id: $id})
            RETURN i""";

    private static final String LIST = """
            MATCH (i:ObservationImport)
            WHERE $datasetId IS NULL OR i.datasetId = $datasetId
            RETURN i ORDER BY i.startedAt DESC LIMIT $limit""";

    /** What a batch changed for one metric. */
    public record MetricChange(String metricId, Collection<String> dimKeys, Collection<String> districtIds,
                               OffsetDateTime earliest, OffsetDateTime latest) {
    }

    /** What an import changed for one metric, for its event: the districts and the time span. */
    public record MetricSpan(String metricId, String datasetId, Collection<String> districtIds, OffsetDateTime from,
                             OffsetDateTime to) {
    }

    private final Graph graph;

    public ObservationWrites(Graph graph) {
        this.graph = graph;
    }

    public Optional<ObservationImport> completed(String datasetId, String fileHash, String mappingHash) {
        return graph.read(tx -> tx.run(FIND_COMPLETED, Map.of("datasetId", datasetId, "fileHash", fileHash,
                "mappingHash", mappingHash)).list(r -> ObservationImport.from(r.get("i")))).stream().findFirst();
    }

    public ObservationImport start(Viewer actor, String datasetId, String fileName, String fileHash, String mappingHash,
                                   long rowsRead, long badRows, List<String> errors, List<String> metricIds) {
        var params = new HashMap<String, Object>();
        params.put("id", NodeType.OBSERVATION_IMPORT.newId());
        params.put("datasetId", datasetId);
        params.put("fileName", fileName);
        params.put("fileHash", fileHash);
        params.put("mappingHash", mappingHash);
        params.put("rowsRead", rowsRead);
        params.put("badRows", badRows);
        params.put("errors", errors);
        params.put("metricIds", metricIds);
        params.put("actorId", actor.userId() == null ? "anonymous" : actor.userId());
        return graph.write(tx -> ObservationImport.from(tx.run(START, params).single().get("i")));
    }

    /** Writes one batch in one transaction: days, metrics and the import's progress. */
    public void writeBatch(String importId, Collection<ObservationCell> cells, Collection<MetricChange> changes, long rowsImported) {
        var metrics = new ArrayList<Map<String, Object>>();
        for (var change : changes) {
            var m = new HashMap<String, Object>();
            m.put("metricId", change.metricId());
            m.put("dimKeys", List.copyOf(change.dimKeys()));
            m.put("districtIds", List.copyOf(change.districtIds()));
            m.put("earliest", change.earliest());
            m.put("latest", change.latest());
            metrics.add(m);
        }
        var cellParams = ObservationCell.parameters(cells);
        graph.write(tx -> {
            tx.run(MERGE_CELLS, Map.of("cells", cellParams)).consume();
            tx.run(UPDATE_METRICS, Map.of("metrics", metrics)).consume();
            if (importId != null) {
                tx.run(PROGRESS, Map.of("id", importId, "rowsImported", rowsImported)).consume();
            }
            return null;
        });
    }

    /** A district's day of a metric with dimensions, whose total is to be computed again. */
    public record TotalDay(String metricId, String districtId, java.time.LocalDate day, int slots) {
    }

    /**
     * Recomputes the stored totals of these days from all their dimension combinations
     * ({@code dimKeys}: every combination the metric has), in transactions of a thousand days.
     * An import calls it once at the end, so each day is summed once however its rows were spread.
     */
    public void rollUp(Collection<TotalDay> days, Map<String, Collection<String>> dimKeys) {
        var chunk = new ArrayList<Map<String, Object>>();
        for (var day : days) {
            chunk.add(Map.of("key", ObservationCell.key(day.metricId(), day.districtId(), Dimensions.TOTAL, day.day()),
                    "metricId", day.metricId(), "districtId", day.districtId(), "day", day.day(), "slots", day.slots(),
                    "dimKeys", List.copyOf(dimKeys.get(day.metricId()))));
            if (chunk.size() == 1000) {
                var rows = List.copyOf(chunk);
                graph.write(tx -> tx.run(ROLL_UP, Map.of("days", rows, "nan", Double.NaN)).consume());
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            graph.write(tx -> tx.run(ROLL_UP, Map.of("days", chunk, "nan", Double.NaN)).consume());
        }
    }

    /** Closes an import; a completed one announces what changed, one event per metric. */
    public Written<ObservationImport> finish(Viewer actor, String importId, boolean completed, long rowsImported,
                                             Collection<MetricSpan> spans) {
        return graph.write(tx -> {
            var imported = ObservationImport.from(tx.run(FINISH, Map.of("id", importId, "status", completed ? "COMPLETED" : "FAILED",
                    "rowsImported", rowsImported)).single().get("i"));
            if (!completed) {
                return new Written<>(imported, List.of());
            }
            var pending = new ArrayList<Outbox.Pending>();
            for (var span : spans) {
                var related = new ArrayList<String>();
                related.add(span.datasetId());
                related.add(importId);
                related.addAll(span.districtIds());
                // The span travels in the event's fields: first and last observation time written.
                pending.add(new Outbox.Pending(EventKind.INDICATOR_UPDATED, span.metricId(), related,
                        List.of(span.from().toString(), span.to().toString())));
            }
            return new Written<>(imported, Outbox.append(tx, actor, pending));
        });
    }

    public Optional<ObservationImport> byId(String id) {
        return graph.read(tx -> tx.run(BY_ID, Map.of("id", id)).list(r -> ObservationImport.from(r.get("i")))).stream().findFirst();
    }

    public List<ObservationImport> list(String datasetId, int limit) {
        var params = new HashMap<String, Object>();
        params.put("datasetId", datasetId);
        params.put("limit", limit);
        return graph.read(tx -> tx.run(LIST, params).list(r -> ObservationImport.from(r.get("i"))));
    }
}
