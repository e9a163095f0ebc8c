package org.citygraph.api.indicator;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.citygraph.api.event.Subscriptions;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.indicator.Aggregate;
import org.citygraph.graph.indicator.Bucket;
import org.citygraph.graph.indicator.Dimensions;
import org.citygraph.graph.indicator.IndicatorQuery;
import org.citygraph.graph.indicator.IndicatorResult;
import org.citygraph.graph.indicator.IndicatorSeries;
import org.citygraph.graph.indicator.Indicators;
import org.citygraph.graph.indicator.Metric;
import org.citygraph.graph.indicator.MetricDraft;
import org.citygraph.graph.indicator.ObservationImport;
import org.citygraph.graph.indicator.ObservationWrites;
import org.citygraph.graph.indicator.Resolution;
import org.citygraph.graph.issue.Issue;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import reactor.core.publisher.Flux;

/** Metrics, their time series, comparisons and rankings, dataset freshness, and new-observation events. */
@Controller
class IndicatorController {

    /** The schema's {@code DimensionFilter}. */
    record DimensionFilterInput(String name, List<String> values) {
    }

    /** The schema's {@code IndicatorSeriesResult}. */
    record SeriesResult(Metric metric, Bucket bucket, Aggregate aggregate, OffsetDateTime from, OffsetDateTime to,
                        List<SeriesView> series) {

        static SeriesResult of(IndicatorResult r) {
            return new SeriesResult(r.metric(), r.bucket(), r.aggregate(), r.from(), r.to(), r.series().stream().map(s ->
                    new SeriesView(s.districtId(), s.dimensions().entrySet().stream()
                            .map(e -> new DimensionValue(e.getKey(), e.getValue())).toList(), s.points())).toList());
        }
    }

    /** The schema's {@code IndicatorSeries}; {@code district} is batched. */
    record SeriesView(String districtId, List<DimensionValue> dimensions, List<IndicatorSeries.Point> points) {
    }

    record DimensionValue(String name, String value) {
    }

    record DimensionValues(String name, List<String> values) {
    }

    record Comparison(Metric metric, OffsetDateTime from, OffsetDateTime to, Double current, Double previous, Double change,
                      Double changeRatio, Double cityAverage, Double ratioToCityAverage) {
    }

    record Ranking(Metric metric, OffsetDateTime from, OffsetDateTime to, Double cityAverage, List<RankingEntry> entries) {
    }

    record RankingEntry(int rank, String districtId, double value, Double ratioToCityAverage) {
    }

    record Freshness(OffsetDateTime latestObservationAt, Long expectedEverySeconds, boolean stale) {
    }

    record MetricInput(String datasetId, String code, String name, String nameEn, String unit, String description,
                       Resolution resolution, List<String> dimensions) {
    }

    record MetricPayload(Metric metric, List<UserError> errors) {
    }

    record IndicatorEventFilter(List<String> metrics, List<String> datasetIds, List<String> districtIds) {
    }

    record IndicatorEvent(long seq, OffsetDateTime at, Metric metric, List<String> districtIds, OffsetDateTime from,
                          OffsetDateTime to, String importId) {
    }

    private final Indicators indicators;
    private final ObservationWrites imports;
    private final Datasets datasets;
    private final Districts districts;
    private final Subscriptions subscriptions;

    IndicatorController(Indicators indicators, ObservationWrites imports, Datasets datasets, Districts districts,
                        Subscriptions subscriptions) {
        this.indicators = indicators;
        this.imports = imports;
        this.datasets = datasets;
        this.districts = districts;
        this.subscriptions = subscriptions;
    }

    // ------------------------------------------------------------------ queries

    @QueryMapping
    List<Metric> metrics(@Argument List<String> datasetIds, @ContextValue Viewer viewer) {
        return indicators.metrics(viewer, datasetIds);
    }

    @QueryMapping
    Metric metric(@Argument String code, @ContextValue Viewer viewer) {
        return indicators.metric(viewer, code).orElse(null);
    }

    @QueryMapping(name = "indicators")
    SeriesResult indicatorSeries(@Argument String metric, @Argument List<String> districtIds, @Argument OffsetDateTime from,
                                 @Argument OffsetDateTime to, @Argument Bucket bucket, @Argument Aggregate aggregate,
                                 @Argument List<String> groupBy, @Argument List<DimensionFilterInput> dimensions,
                                 @ContextValue Viewer viewer) {
        var filter = new LinkedHashMap<String, List<String>>();
        if (dimensions != null) {
            dimensions.forEach(d -> filter.merge(d.name(), d.values(), (a, b) -> {
                var both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            }));
        }
        return SeriesResult.of(indicators.series(viewer, new IndicatorQuery(metric, districtIds, from, to, bucket, aggregate,
                groupBy, filter)));
    }

    @QueryMapping
    Comparison indicatorComparison(@Argument String metric, @Argument List<String> districtIds, @Argument OffsetDateTime from,
                                   @Argument OffsetDateTime to, @Argument Aggregate aggregate, @ContextValue Viewer viewer) {
        var m = visible(viewer, metric);
        var range = period(m, from, to);
        var length = Duration.between(range.from(), range.to());
        var current = single(indicators.series(m, new IndicatorQuery(m.code(), districtIds, range.from(), range.to(),
                Bucket.PERIOD, aggregate, null, null)));
        var previous = single(indicators.series(m, new IndicatorQuery(m.code(), districtIds, range.from().minus(length),
                range.from(), Bucket.PERIOD, aggregate, null, null)));
        var byDistrict = indicators.series(m, new IndicatorQuery(m.code(), null, range.from(), range.to(), Bucket.PERIOD,
                aggregate, List.of(IndicatorQuery.DISTRICT), null));
        var average = average(byDistrict);
        Double change = current != null && previous != null ? current - previous : null;
        Double ratio = change != null && previous != 0 ? change / previous : null;
        int compared = districtIds == null || districtIds.isEmpty() ? byDistrict.districtIds().size()
                : indicators.series(m, new IndicatorQuery(m.code(), districtIds, range.from(), range.to(), Bucket.PERIOD,
                        aggregate, List.of(IndicatorQuery.DISTRICT), null)).series().size();
        Double toAverage = null;
        if (current != null && average != null && average != 0) {
            toAverage = (aggregate == null || aggregate == Aggregate.SUM) ? current / (average * Math.max(1, compared)) : current / average;
        }
        return new Comparison(m, range.from(), range.to(), current, previous, change, ratio, average, toAverage);
    }

    @QueryMapping
    Ranking indicatorRanking(@Argument String metric, @Argument OffsetDateTime from, @Argument OffsetDateTime to,
                             @Argument Aggregate aggregate, @Argument Integer first, @ContextValue Viewer viewer) {
        int n = first == null ? 5 : first;
        if (n < 1 || n > 50) {
            throw new InvalidInputException("first", "OUT_OF_RANGE", "first is 1 to 50.");
        }
        var m = visible(viewer, metric);
        var range = period(m, from, to);
        var byDistrict = indicators.series(m, new IndicatorQuery(m.code(), null, range.from(), range.to(), Bucket.PERIOD,
                aggregate, List.of(IndicatorQuery.DISTRICT), null));
        var average = average(byDistrict);
        var sorted = byDistrict.series().stream().filter(s -> !s.points().isEmpty())
                .sorted((a, b) -> Double.compare(b.points().get(0).value(), a.points().get(0).value())).limit(n).toList();
        var entries = new ArrayList<RankingEntry>();
        for (var s : sorted) {
            double value = s.points().get(0).value();
            entries.add(new RankingEntry(entries.size() + 1, s.districtId(), value, average == null || average == 0 ? null : value / average));
        }
        return new Ranking(m, range.from(), range.to(), average, entries);
    }

    @QueryMapping
    ObservationImport observationImport(@Argument String id, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return imports.byId(id).orElse(null);
    }

    @QueryMapping
    List<ObservationImport> observationImports(@Argument String datasetId, @Argument Integer first, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return imports.list(datasetId, Math.max(1, Math.min(100, first == null ? 20 : first)));
    }

    // ------------------------------------------------------------------ fields

    @SchemaMapping(typeName = "Metric")
    List<DimensionValues> dimensionValues(Metric metric) {
        var values = new LinkedHashMap<String, TreeSet<String>>();
        metric.dimensions().forEach(d -> values.put(d, new TreeSet<>()));
        metric.dimKeys().forEach(key -> Dimensions.parse(key).forEach((name, value) -> values.computeIfAbsent(name, n -> new TreeSet<>()).add(value)));
        return values.entrySet().stream().map(e -> new DimensionValues(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    @BatchMapping(typeName = "Metric")
    Map<Metric, Dataset> dataset(List<Metric> metrics, GraphQLContext context) {
        Viewer viewer = context.get(ViewerInterceptor.VIEWER);
        var found = new HashMap<String, Dataset>();
        datasets.byIds(viewer, metrics.stream().map(Metric::datasetId).distinct().toList()).forEach(d -> found.put(d.id(), d));
        var result = new LinkedHashMap<Metric, Dataset>();
        metrics.forEach(m -> {
            if (found.containsKey(m.datasetId())) {
                result.put(m, found.get(m.datasetId()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "IndicatorSeries")
    Map<SeriesView, District> district(List<SeriesView> series) {
        return byDistrict(series, SeriesView::districtId);
    }

    @BatchMapping(typeName = "IndicatorRankingEntry", field = "district")
    Map<RankingEntry, District> rankedDistrict(List<RankingEntry> entries) {
        return byDistrict(entries, RankingEntry::districtId);
    }

    @BatchMapping(typeName = "IndicatorEvent", field = "districts")
    Map<IndicatorEvent, List<District>> eventDistricts(List<IndicatorEvent> events) {
        var found = new HashMap<String, District>();
        districts.byIds(events.stream().flatMap(e -> e.districtIds().stream()).distinct().toList()).forEach(d -> found.put(d.id(), d));
        var result = new LinkedHashMap<IndicatorEvent, List<District>>();
        events.forEach(e -> result.put(e, e.districtIds().stream().map(found::get).filter(java.util.Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping(typeName = "Dataset")
    Map<Dataset, List<Metric>> metrics(List<Dataset> list, GraphQLContext context) {
        Viewer viewer = context.get(ViewerInterceptor.VIEWER);
        var all = indicators.metrics(viewer, list.stream().map(Dataset::id).toList());
        var result = new LinkedHashMap<Dataset, List<Metric>>();
        list.forEach(d -> result.put(d, all.stream().filter(m -> d.id().equals(m.datasetId())).toList()));
        return result;
    }

    @BatchMapping(typeName = "Dataset")
    Map<Dataset, Freshness> freshness(List<Dataset> list) {
        var found = indicators.freshness(list.stream().map(Dataset::id).toList(), OffsetDateTime.now());
        var result = new LinkedHashMap<Dataset, Freshness>();
        list.forEach(d -> {
            var f = found.get(d.id());
            if (f != null) {
                result.put(d, new Freshness(f.latestObservationAt(), f.expectedEvery() == null ? null : f.expectedEvery().toSeconds(), f.stale()));
            }
        });
        return result;
    }

    /** One statement per metric with data around the issue's dates; meant for an issue's page, not for lists. */
    @SchemaMapping(typeName = "Issue", field = "indicators")
    List<SeriesResult> issueIndicators(Issue issue, @Argument List<String> metrics, @ContextValue Viewer viewer) {
        var districtIds = indicators.issueDistricts(issue.id());
        if (districtIds.isEmpty()) {
            return List.of();
        }
        var now = OffsetDateTime.now();
        var start = issue.createdAt().minusDays(7);
        var end = issue.resolvedAt() == null ? now : issue.resolvedAt().plusDays(7);
        end = end.isAfter(now) ? now : end;
        var result = new ArrayList<SeriesResult>();
        for (var metric : indicators.metrics(viewer, null)) {
            if ((metrics != null && !metrics.contains(metric.code())) || metric.earliestAt() == null) {
                continue;
            }
            int step = metric.resolution() == null ? 24 : metric.resolution().step();
            var from = start.isBefore(metric.earliestAt()) ? metric.earliestAt() : start;
            var latest = metric.latestAt().plusHours(step);
            var to = end.isAfter(latest) ? latest : end;
            if (!to.isAfter(from)) {
                continue;
            }
            var span = Duration.between(from, to);
            var bucket = span.toDays() <= 3 && metric.resolution() == Resolution.HOUR ? Bucket.HOUR
                    : span.toDays() <= 120 ? Bucket.DAY : span.toDays() <= 730 ? Bucket.WEEK : Bucket.MONTH;
            result.add(SeriesResult.of(indicators.series(metric, new IndicatorQuery(metric.code(), districtIds,
                    from.truncatedTo(ChronoUnit.HOURS), to, bucket, Aggregate.SUM, null, null))));
        }
        return result;
    }

    // ------------------------------------------------------------------ mutations and events

    @MutationMapping
    MetricPayload defineMetric(@Argument MetricInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        try {
            return new MetricPayload(indicators.define(viewer, new MetricDraft(input.datasetId(), input.code(), input.name(),
                    input.nameEn(), input.unit(), input.description(), input.resolution(), input.dimensions())), List.of());
        } catch (InvalidInputException e) {
            return new MetricPayload(null, UserError.of(e));
        }
    }

    @SubscriptionMapping
    Flux<IndicatorEvent> indicatorUpdated(@Argument IndicatorEventFilter filter, @Argument Long after, @ContextValue Viewer viewer,
                                          @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        var wanted = filter == null ? new IndicatorEventFilter(null, null, null) : filter;
        // Observations belong to leaf districts: a filter on the city matches every district inside it.
        var districtIds = empty(wanted.districtIds()) ? List.<String>of() : indicators.expandDistricts(wanted.districtIds());
        return subscriptions.stream(after, sessionId).handle((event, sink) -> {
            if (event.kind() != EventKind.INDICATOR_UPDATED || event.relatedIds().size() < 2 || event.fields().size() < 2) {
                return;
            }
            var datasetId = event.relatedIds().get(0);
            var eventDistricts = event.relatedIds().subList(2, event.relatedIds().size());
            if ((empty(wanted.datasetIds()) || wanted.datasetIds().contains(datasetId))
                    && (districtIds.isEmpty() || districtIds.stream().anyMatch(eventDistricts::contains))) {
                indicators.byIds(viewer, List.of(event.subjectId())).stream()
                        .filter(m -> empty(wanted.metrics()) || wanted.metrics().contains(m.code()))
                        .findFirst()
                        .ifPresent(m -> sink.next(new IndicatorEvent(event.seq(), event.at(), m, List.copyOf(eventDistricts),
                                OffsetDateTime.parse(event.fields().get(0)), OffsetDateTime.parse(event.fields().get(1)),
                                event.relatedIds().get(1))));
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    private Metric visible(Viewer viewer, String code) {
        return indicators.metric(viewer, code).orElseThrow(() -> new InvalidInputException("metric", "UNKNOWN_METRIC",
                "No metric with this code that you may read."));
    }

    private Indicators.Range period(Metric metric, OffsetDateTime from, OffsetDateTime to) {
        var end = indicators.range(metric, new IndicatorQuery(metric.code(), null, null, to, Bucket.DAY, null, null, null)).to();
        return new Indicators.Range(from == null ? end.minusDays(7) : from, end);
    }

    private static Double single(IndicatorResult result) {
        return result.series().isEmpty() || result.series().get(0).points().isEmpty() ? null
                : result.series().get(0).points().get(0).value();
    }

    private static Double average(IndicatorResult byDistrict) {
        var values = byDistrict.series().stream().filter(s -> !s.points().isEmpty()).mapToDouble(s -> s.points().get(0).value()).toArray();
        return values.length == 0 ? null : java.util.Arrays.stream(values).average().orElse(0);
    }

    private <T> Map<T, District> byDistrict(Collection<T> items, Function<T, String> id) {
        var ids = items.stream().map(id).filter(java.util.Objects::nonNull).distinct().toList();
        var found = new HashMap<String, District>();
        if (!ids.isEmpty()) {
            districts.byIds(ids).forEach(d -> found.put(d.id(), d));
        }
        var result = new LinkedHashMap<T, District>();
        items.forEach(item -> {
            var d = found.get(id.apply(item));
            if (d != null) {
                result.put(item, d);
            }
        });
        return result;
    }

    private static boolean empty(Collection<?> values) {
        return values == null || values.isEmpty();
    }
}
