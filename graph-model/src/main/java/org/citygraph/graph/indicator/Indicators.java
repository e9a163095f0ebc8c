package org.citygraph.graph.indicator;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.ViewerRules;
import org.citygraph.graph.dataset.UpdateFrequency;
import org.neo4j.driver.Record;

/**
 * Metrics and their observations as the viewer may read them: a metric is visible exactly when its
 * dataset is ({@link ViewerRules#DATASET}). Aggregations run as one Cypher statement over the
 * observation days of the composite index; the totals over all dimension combinations are stored
 * (kept up to date by every import), so an ungrouped series reads one node per district and day.
 */
public final class Indicators {

    /** Refuse series longer than this many points per group: a year of hours is 8,784. */
    public static final int MAX_POINTS = 10_000;
    public static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,59}$");

    private static final String METRIC_FIELDS = """
            m, [(m)-[:MEASURED_IN]->(ds) | ds.id][0] AS datasetId""";

    private static final String VISIBLE = """
            MATCH (m:Metric)-[:MEASURED_IN]->(ds:Dataset)
            WHERE %s""".formatted(ViewerRules.DATASET);

    private static final String BY_CODE = VISIBLE + """
             AND m.code = $code
            RETURN m, ds.id AS datasetId""";

    private static final String LIST = VISIBLE + """
             AND ($datasetIds IS NULL OR ds.id IN $datasetIds)
            RETURN m, ds.id AS datasetId ORDER BY ds.id, m.code""";

    private static final String BY_IDS = VISIBLE + """
             AND m.id IN $ids
            RETURN m, ds.id AS datasetId""";

    /** Districts given by id, each standing for itself and every district inside it. */
    private static final String EXPAND_DISTRICTS = """
            UNWIND $ids AS id
            MATCH (d:District {id: id})
            MATCH (leaf:District)-[:PART_OF*0..]->(d)
            RETURN collect(DISTINCT leaf.id) AS ids, collect(DISTINCT id) AS found""";

    private static final String DEFINE = """
            MATCH (ds:Dataset {id: $datasetId})
            MERGE (m:Metric {code: $code})
              ON CREATE SET m.id = $id, m.createdAt = datetime(), m.dimKeys = [], m.districtIds = []
            SET m += $props
            WITH m, ds
            OPTIONAL MATCH (m)-[old:MEASURED_IN]->(other:Dataset) WHERE other <> ds
            DELETE old
            MERGE (m)-[:MEASURED_IN]->(ds)
            RETURN %s""".formatted(METRIC_FIELDS);

    private static final String EXISTING = """
            OPTIONAL MATCH (m:Metric {code: $code})
            OPTIONAL MATCH (m)-[:MEASURED_IN]->(ds:Dataset)
            OPTIONAL MATCH (o:ObservationDay {metricId: m.id})
            WITH m, ds, o LIMIT 1
            RETURN m, ds.id AS datasetId, o IS NOT NULL AS observed""";

    /** Buckets, groups and the aggregates of one series request, over the stored days. */
    private static final String AGGREGATE = """
            MATCH (o:ObservationDay)
            USING INDEX o:ObservationDay(metricId, dimKey, districtId, day)
            WHERE o.metricId = $metricId AND o.dimKey IN $dimKeys AND o.districtId IN $districtIds
              AND o.day >= $fromDay AND o.day <= $toDay
            WITH o, CASE $bucket WHEN 'WEEK' THEN date.truncate('week', o.day)
                                 WHEN 'MONTH' THEN date.truncate('month', o.day)
                                 WHEN 'PERIOD' THEN $fromDay
                                 ELSE o.day END AS bucketDay,
                 $groupOf[o.dimKey] AS dims
            UNWIND range(0, size(o.values) - 1) AS slot
            WITH o.districtId AS districtId, dims, bucketDay, o.day AS day, slot, o.values[slot] AS v
            WHERE NOT isNaN(v) AND (day > $fromDay OR slot * $step >= $fromHour) AND (day < $toDay OR slot * $step <= $toHour)
            %s
            WITH CASE WHEN $byDistrict THEN districtId ELSE '' END AS district, dims, bucketDay,
                 CASE WHEN $bucket = 'HOUR' THEN slot * $step ELSE 0 END AS hour, v
            RETURN district, dims, bucketDay, hour, sum(v) AS sum, avg(v) AS avg, min(v) AS min, max(v) AS max, count(v) AS cells
            ORDER BY district, dims, bucketDay, hour""";

    /** Over stored totals: one value per district and slot already. */
    private static final String AGGREGATE_TOTALS = AGGREGATE.formatted("");

    /** Over dimension combinations: those not grouped are summed per district and slot first. */
    private static final String AGGREGATE_COMBINATIONS = AGGREGATE.formatted(
            "WITH districtId, dims, bucketDay, day, slot, sum(v) AS v");

    private static final String FRESHNESS = """
            UNWIND $ids AS id
            MATCH (ds:Dataset {id: id})
            OPTIONAL MATCH (m:Metric)-[:MEASURED_IN]->(ds)
            WITH ds, collect(m) AS metrics
            WHERE size(metrics) > 0
            RETURN ds.id AS id, ds.updateFrequency AS frequency,
                   reduce(latest = null, m IN metrics | CASE WHEN m.latestAt IS NOT NULL AND (latest IS NULL OR m.latestAt > latest)
                                                              THEN m.latestAt ELSE latest END) AS latest""";

    private static final String DISTRICT_NAMES = """
            MATCH (d:District)
            RETURN d.id AS id, d.code AS code, d.name AS name, d.nameEn AS nameEn,
                   NOT EXISTS { MATCH (:District)-[:PART_OF]->(d) } AS leaf""";

    /** A district as an import finds it by code or name; only leaves carry observations. */
    public record DistrictName(String id, String code, String name, String nameEn, boolean leaf) {
    }

    private final Graph graph;
    private final ZoneId zone;

    public Indicators(Graph graph, ZoneId zone) {
        this.graph = graph;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    // ------------------------------------------------------------------ metrics

    public Optional<Metric> metric(Viewer viewer, String code) {
        return graph.read(tx -> tx.run(BY_CODE, Map.of("code", code == null ? "" : code, "viewer", viewer.asParameter()))
                .list(Indicators::metric)).stream().findFirst();
    }

    /** Metrics the viewer may read, of the given datasets ({@code null}: all). */
    public List<Metric> metrics(Viewer viewer, Collection<String> datasetIds) {
        var params = new HashMap<String, Object>();
        params.put("datasetIds", datasetIds == null ? null : List.copyOf(datasetIds));
        params.put("viewer", viewer.asParameter());
        return graph.read(tx -> tx.run(LIST, params).list(Indicators::metric));
    }

    public List<Metric> byIds(Viewer viewer, Collection<String> ids) {
        return graph.read(tx -> tx.run(BY_IDS, Map.of("ids", List.copyOf(ids), "viewer", viewer.asParameter())).list(Indicators::metric));
    }

    /**
     * Defines a metric on a dataset, or changes the one with the same code. Its dimensions and
     * resolution cannot change once it has observations (they shape the stored days).
     */
    public Metric define(Viewer actor, MetricDraft draft) {
        var errors = new ArrayList<FieldError>();
        if (draft.code() == null || !CODE.matcher(draft.code()).matches()) {
            errors.add(error("code", "INVALID_CODE", "The code is 1 to 60 lower-case letters, digits and dashes, e.g. floating-population."));
        }
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 200) {
            errors.add(error("name", "REQUIRED", "The name must be 1 to 200 characters."));
        }
        if (draft.datasetId() == null || draft.datasetId().isBlank()) {
            errors.add(error("datasetId", "REQUIRED", "Name the dataset the metric comes from."));
        }
        var dims = draft.dimensions() == null ? List.<String>of() : draft.dimensions().stream().map(String::strip).distinct().sorted().toList();
        if (dims.size() > 5 || dims.stream().anyMatch(d -> !d.matches("^[A-Za-z][A-Za-z0-9]{0,39}$") || d.equals(IndicatorQuery.DISTRICT))) {
            errors.add(error("dimensions", "INVALID_DIMENSION", "At most 5 dimensions, each a name of letters and digits (not 'district')."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var resolution = draft.resolution() == null ? Resolution.DAY : draft.resolution();
        var props = new HashMap<String, Object>();
        props.put("name", draft.name().strip());
        props.put("nameEn", draft.nameEn());
        props.put("unit", draft.unit());
        props.put("description", draft.description());
        props.put("resolution", resolution.name());
        props.put("dimensions", dims);
        return graph.write(tx -> {
            var datasets = tx.run("MATCH (ds:Dataset {id: $id}) WHERE " + ViewerRules.DATASET + " RETURN ds.id",
                    Map.of("id", draft.datasetId(), "viewer", actor.asParameter())).list();
            if (datasets.isEmpty()) {
                throw new InvalidInputException(List.of(error("datasetId", "NOT_FOUND", "No dataset with this id.")));
            }
            var existing = tx.run(EXISTING, Map.of("code", draft.code())).single();
            if (!existing.get("m").isNull() && existing.get("observed").asBoolean()) {
                var old = metric(existing);
                if (!old.dimensions().equals(dims) || old.resolution() != resolution || !draft.datasetId().equals(old.datasetId())) {
                    throw new InvalidInputException(List.of(error("dimensions", "HAS_OBSERVATIONS",
                            "The metric has observations: its dataset, dimensions and resolution stay as they are.")));
                }
            }
            return metric(tx.run(DEFINE, Map.of("datasetId", draft.datasetId(), "code", draft.code(),
                    "id", NodeType.METRIC.idFor(draft.code()), "props", props)).single());
        });
    }

    // ------------------------------------------------------------------ series

    public IndicatorResult series(Viewer viewer, IndicatorQuery query) {
        var metric = metric(viewer, query.metricCode()).orElseThrow(() -> new InvalidInputException(
                List.of(new FieldError(List.of("metric"), "UNKNOWN_METRIC", "No metric with this code that you may read."))));
        return series(metric, query);
    }

    /** A series of a metric already known to be visible. */
    public IndicatorResult series(Metric metric, IndicatorQuery query) {
        var errors = new ArrayList<FieldError>();
        var dimensionGroups = new ArrayList<String>();
        boolean byDistrict = false;
        for (var group : query.groupBy()) {
            if (IndicatorQuery.DISTRICT.equals(group)) {
                byDistrict = true;
            } else if (metric.dimensions().contains(group)) {
                if (!dimensionGroups.contains(group)) {
                    dimensionGroups.add(group);
                }
            } else {
                errors.add(new FieldError(List.of("groupBy"), "UNKNOWN_GROUP",
                        "Group by 'district' or one of the metric's dimensions " + metric.dimensions() + "."));
            }
        }
        for (var name : query.dimensions().keySet()) {
            if (!metric.dimensions().contains(name)) {
                errors.add(new FieldError(List.of("dimensions"), "UNKNOWN_DIMENSION",
                        "The metric's dimensions are " + metric.dimensions() + "."));
            }
        }
        var range = range(metric, query);
        if (!range.to().isAfter(range.from())) {
            errors.add(new FieldError(List.of("to"), "BEFORE_FROM", "The range must end after it starts."));
        } else if (query.bucket() == Bucket.HOUR && Duration.between(range.from(), range.to()).toHours() > MAX_POINTS) {
            errors.add(new FieldError(List.of("bucket"), "TOO_MANY_POINTS",
                    "At most " + MAX_POINTS + " hourly points: choose a shorter range or a wider bucket."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var districtIds = districts(metric, query.districtIds());

        // Stored totals answer every request that neither groups nor filters by a dimension.
        boolean totals = dimensionGroups.isEmpty() && query.dimensions().isEmpty();
        var groupOf = new LinkedHashMap<String, Object>();
        if (totals || metric.dimensions().isEmpty()) {
            groupOf.put(Dimensions.TOTAL, Dimensions.TOTAL);
        } else {
            for (var key : metric.dimKeys()) {
                if (Dimensions.matches(key, query.dimensions())) {
                    groupOf.put(key, Dimensions.project(key, dimensionGroups));
                }
            }
        }
        var resolution = metric.resolution() == null ? Resolution.DAY : metric.resolution();
        var first = range.from().atZoneSameInstant(zone).toLocalDateTime();
        var firstHour = first.truncatedTo(ChronoUnit.HOURS).equals(first) ? first : first.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        var last = range.to().atZoneSameInstant(zone).toLocalDateTime().minusNanos(1).truncatedTo(ChronoUnit.HOURS);
        var params = new HashMap<String, Object>();
        params.put("metricId", metric.id());
        params.put("dimKeys", List.copyOf(groupOf.keySet()));
        params.put("groupOf", groupOf);
        params.put("districtIds", districtIds);
        params.put("fromDay", firstHour.toLocalDate());
        params.put("fromHour", firstHour.getHour());
        params.put("toDay", last.toLocalDate());
        params.put("toHour", last.getHour());
        params.put("step", resolution.step());
        params.put("bucket", query.bucket().name());
        params.put("byDistrict", byDistrict);
        var cypher = totals || metric.dimensions().isEmpty() ? AGGREGATE_TOTALS : AGGREGATE_COMBINATIONS;
        var series = new LinkedHashMap<List<String>, List<IndicatorSeries.Point>>();
        graph.read(tx -> {
            tx.run(cypher, params).forEachRemaining(r -> {
                var group = List.of(r.get("district").asString(), r.get("dims").asString());
                var day = r.get("bucketDay").asLocalDate();
                var at = query.bucket() == Bucket.PERIOD ? range.from()
                        : day.atTime(r.get("hour").asInt(), 0).atZone(zone).toOffsetDateTime();
                double value = switch (query.aggregate()) {
                    case SUM -> r.get("sum").asDouble();
                    case AVG -> r.get("avg").asDouble();
                    case MIN -> r.get("min").asDouble();
                    case MAX -> r.get("max").asDouble();
                };
                series.computeIfAbsent(group, g -> new ArrayList<>()).add(new IndicatorSeries.Point(at, value, r.get("cells").asLong()));
            });
            return null;
        });
        var result = new ArrayList<IndicatorSeries>();
        series.forEach((group, points) -> result.add(new IndicatorSeries(group.get(0).isEmpty() ? null : group.get(0),
                Dimensions.parse(group.get(1)), List.copyOf(points))));
        return new IndicatorResult(metric, query.bucket(), query.aggregate(), range.from(), range.to(), districtIds, result);
    }

    /** The range of a query with its defaults: up to the latest observation, 30 days (7 for hours) before. */
    public Range range(Metric metric, IndicatorQuery query) {
        var resolution = metric.resolution() == null ? Resolution.DAY : metric.resolution();
        var to = query.to();
        if (to == null) {
            to = metric.latestAt() == null ? OffsetDateTime.now(zone).truncatedTo(ChronoUnit.HOURS)
                    : metric.latestAt().plusHours(resolution.step());
        }
        var from = query.from();
        if (from == null) {
            from = to.minusDays(query.bucket() == Bucket.HOUR ? 7 : 30);
        }
        return new Range(from, to);
    }

    /** A half-open range of instants. */
    public record Range(OffsetDateTime from, OffsetDateTime to) {
    }

    private List<String> districts(Metric metric, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return metric.districtIds();
        }
        return expandDistricts(requested);
    }

    /** The districts and every district inside them; unknown ids are refused. */
    public List<String> expandDistricts(List<String> requested) {
        var ids = requested.stream().distinct().toList();
        var row = graph.read(tx -> tx.run(EXPAND_DISTRICTS, Map.of("ids", ids)).single());
        var found = row.get("found").asList(v -> v.asString());
        if (found.size() < ids.size()) {
            throw new InvalidInputException(List.of(new FieldError(List.of("districtIds"), "NOT_FOUND",
                    "Unknown districts: " + ids.stream().filter(id -> !found.contains(id)).toList())));
        }
        return row.get("ids").asList(v -> v.asString());
    }

    private static final String ISSUE_DISTRICTS = """
            MATCH (i:Issue {id: $id})-[:LOCATED_IN]->(d:District)
            RETURN collect(d.id) AS ids""";

    /** The districts an issue is located in (the caller has already read the issue through its viewer rule). */
    public List<String> issueDistricts(String issueId) {
        return graph.read(tx -> tx.run(ISSUE_DISTRICTS, Map.of("id", issueId)).single().get("ids").asList(v -> v.asString()));
    }

    /** Every district with its code and names, for imports. */
    public List<DistrictName> districtNames() {
        return graph.read(tx -> tx.run(DISTRICT_NAMES).list(r -> new DistrictName(r.get("id").asString(),
                r.get("code").isNull() ? null : r.get("code").asString(), r.get("name").asString(),
                r.get("nameEn").isNull() ? null : r.get("nameEn").asString(), r.get("leaf").asBoolean())));
    }

    // ------------------------------------------------------------------ freshness

    /** Freshness of the datasets that carry metrics; datasets without metrics are absent. */
    public Map<String, Freshness> freshness(Collection<String> datasetIds, OffsetDateTime now) {
        var result = new HashMap<String, Freshness>();
        graph.read(tx -> tx.run(FRESHNESS, Map.of("ids", List.copyOf(datasetIds))).list()).forEach(r -> {
            var frequency = r.get("frequency").isNull() ? UpdateFrequency.IRREGULAR : UpdateFrequency.valueOf(r.get("frequency").asString());
            var latest = r.get("latest").isNull() ? null : r.get("latest").asOffsetDateTime();
            result.put(r.get("id").asString(), Freshness.of(r.get("id").asString(), latest, frequency.period().orElse(null), now));
        });
        return result;
    }

    // ------------------------------------------------------------------ helpers

    static Metric metric(Record r) {
        return Metric.from(r.get("m"), r.get("datasetId"));
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }

    /** The local day and slot of an instant for a metric of the given resolution. */
    public static LocalDateTime local(OffsetDateTime at, ZoneId zone) {
        return at.atZoneSameInstant(zone).toLocalDateTime();
    }

    static LocalDate day(OffsetDateTime at, ZoneId zone) {
        return at.atZoneSameInstant(zone).toLocalDate();
    }
}
