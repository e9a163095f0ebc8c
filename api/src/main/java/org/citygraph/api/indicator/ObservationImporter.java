package org.citygraph.api.indicator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citygraph.api.event.EventBus;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.indicator.Dimensions;
import org.citygraph.graph.indicator.Indicators;
import org.citygraph.graph.indicator.Metric;
import org.citygraph.graph.indicator.ObservationCell;
import org.citygraph.graph.indicator.ObservationWrites;
import org.citygraph.graph.indicator.ObservationWrites.MetricChange;
import org.citygraph.graph.indicator.ObservationWrites.MetricSpan;
import org.citygraph.graph.indicator.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Imports a CSV file into a dataset's observations, streamed twice from disk and never held in
 * memory. The first pass checks every row and hashes the file; the second writes the valid rows in
 * batches, one transaction each.
 * <p>
 * Policy for bad rows: a file with more invalid rows than {@code maxBadRows} is refused whole and
 * nothing is written; otherwise its valid rows are imported and every invalid row is skipped and
 * reported by line number. A row is one unit: if any of its values is invalid, none of them is
 * written. Checking before writing means a refused file never leaves half its rows behind.
 * <p>
 * Importing the same file (same bytes, same mapping) into the same dataset again is recognized by
 * its SHA-256 and changes nothing; writing the same values again would not change the graph anyway,
 * because a value replaces the one stored for the same metric, district, dimensions and hour.
 */
@Component
public class ObservationImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationImporter.class);
    private static final int REPORTED_ERRORS = 100;
    private static final Charset CP949 = Charset.forName("x-windows-949");
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<DateTimeFormatter> TIME_FORMATS = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"), DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyyMMddHH"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]"),
            DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm[:ss]"));
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("yyyy/MM/dd"), DateTimeFormatter.ofPattern("yyyy.MM.dd"));

    /** How an import ended: COMPLETED, DUPLICATE (the same file was imported before), REFUSED or FAILED. */
    public enum Outcome { COMPLETED, DUPLICATE, REFUSED, FAILED }

    /** One problem: a row (by line, the header being line 1) or the mapping (line null). */
    public record ImportError(Long line, String field, String code, String message) {

        @Override
        public String toString() {
            return (line == null ? "mapping" : "line " + line) + ": " + code + ": " + message;
        }
    }

    /** What an import did. {@code errors} holds the first hundred problems; {@code badRows} counts all. */
    public record Report(Outcome outcome, String importId, String datasetId, String fileHash, long rowsRead,
                         long rowsImported, long badRows, List<ImportError> errors, long millis) {
    }

    /** Told after each written batch, and once after the checking pass. */
    public interface Progress {
        Progress NONE = (phase, done, total) -> { };

        void update(String phase, long done, long total);
    }

    private final Indicators indicators;
    private final ObservationWrites writes;
    private final EventBus bus;
    private final IndicatorProperties properties;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    ObservationImporter(Indicators indicators, ObservationWrites writes, EventBus bus, IndicatorProperties properties) {
        this.indicators = indicators;
        this.writes = writes;
        this.bus = bus;
        this.properties = properties;
    }

    /**
     * Imports {@code file} into the dataset as {@code actor}; the file is read, never changed or deleted.
     * Imports of one hub run one at a time: the day nodes are created by the import that finds them
     * missing, which two concurrent imports of overlapping days must not both do.
     */
    public Report importFile(Viewer actor, String datasetId, Path file, String fileName, ImportMapping mapping, Progress progress) {
        lock.lock();
        try {
            return importLocked(actor, datasetId, file, fileName, mapping, progress);
        } finally {
            lock.unlock();
        }
    }

    private Report importLocked(Viewer actor, String datasetId, Path file, String fileName, ImportMapping mapping, Progress progress) {
        long started = System.nanoTime();
        var problems = new ArrayList<ImportError>();
        var plan = plan(actor, datasetId, mapping, problems);
        if (plan == null) {
            return refused(datasetId, null, 0, 0, problems, started);
        }
        try {
            var charset = charset(file, mapping.encoding(), problems);
            if (charset == null) {
                return refused(datasetId, null, 0, 0, problems, started);
            }
            // Pass 1: check every row and hash the bytes.
            var digest = sha256();
            long rows = 0;
            long bad = 0;
            try (var parser = open(file, charset, plan.csvFormat, digest)) {
                if (!plan.bind(parser.getHeaderMap(), problems)) {
                    return refused(datasetId, null, 0, 0, problems, started);
                }
                for (var record : parser) {
                    rows++;
                    var error = plan.check(record);
                    if (error != null) {
                        bad++;
                        if (problems.size() < REPORTED_ERRORS) {
                            problems.add(error);
                        }
                    }
                }
            }
            var hash = HexFormat.of().formatHex(digest.digest());
            long maxBad = mapping.maxBadRows() != null ? mapping.maxBadRows() : properties.maxBadRows();
            progress.update("CHECKED", rows, rows);
            if (bad > maxBad) {
                problems.add(0, new ImportError(null, "maxBadRows", "TOO_MANY_BAD_ROWS",
                        bad + " invalid rows, more than the " + maxBad + " allowed: nothing was imported."));
                return refused(datasetId, hash, rows, bad, problems, started);
            }
            if (rows == bad) {
                problems.add(0, new ImportError(null, "file", "NO_ROWS", "The file has no valid rows."));
                return refused(datasetId, hash, rows, bad, problems, started);
            }
            var mappingHash = mappingHash(mapping);
            var earlier = writes.completed(datasetId, hash, mappingHash);
            if (earlier.isPresent()) {
                LOG.info("Import of {} into {} skipped: the same file was imported as {}", fileName, datasetId, earlier.get().id());
                return new Report(Outcome.DUPLICATE, earlier.get().id(), datasetId, hash, rows, 0, bad, problems, millis(started));
            }
            var errorTexts = problems.stream().map(ImportError::toString).toList();
            var record = writes.start(actor, datasetId, fileName, hash, mappingHash, rows, bad, errorTexts,
                    plan.metrics.values().stream().map(Metric::id).toList());
            LOG.info("Importing {} ({} rows, {} invalid) into {} as {}", fileName, rows, bad, datasetId, record.id());
            long written;
            try {
                written = write(record.id(), file, charset, plan, rows, progress);
            } catch (RuntimeException e) {
                LOG.warn("Import {} failed after some batches; importing the same file again completes it", record.id(), e);
                writes.finish(actor, record.id(), false, 0, List.of());
                return new Report(Outcome.FAILED, record.id(), datasetId, hash, rows, 0, bad, problems, millis(started));
            }
            var finished = writes.finish(actor, record.id(), true, written, plan.spans());
            bus.publish(finished.events());
            LOG.info("Imported {} rows of {} into {} in {} ms ({} skipped)", written, fileName, datasetId, millis(started), bad);
            return new Report(Outcome.COMPLETED, record.id(), datasetId, hash, rows, written, bad, problems, millis(started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long write(String importId, Path file, Charset charset, Plan plan, long total, Progress progress) throws IOException {
        long written = 0;
        long lastLog = System.nanoTime();
        var batch = new LinkedHashMap<String, ObservationCell>();
        var changes = new HashMap<String, Change>();
        int batchRows = 0;
        try (var parser = open(file, charset, plan.csvFormat, null)) {
            plan.bind(parser.getHeaderMap(), new ArrayList<>());
            for (var record : parser) {
                if (!plan.add(record, batch, changes)) {
                    continue;
                }
                written++;
                if (++batchRows >= properties.batchRows()) {
                    flush(importId, batch, changes, written);
                    batchRows = 0;
                    progress.update("WRITING", written, total);
                    if (System.nanoTime() - lastLog > 5_000_000_000L) {
                        LOG.info("Import {}: {} of {} rows written", importId, written, total);
                        lastLog = System.nanoTime();
                    }
                }
            }
        }
        flush(importId, batch, changes, written);
        progress.update("WRITING", written, total);
        // Totals over the dimension combinations, once per touched day.
        var dimKeys = new HashMap<String, java.util.Collection<String>>();
        for (var metric : plan.metrics.values()) {
            var keys = new LinkedHashSet<>(metric.dimKeys());
            var seen = plan.spans.get(metric.id());
            if (seen != null) {
                keys.addAll(seen.allDimKeys);
            }
            dimKeys.put(metric.id(), keys);
        }
        if (!plan.totalDays.isEmpty()) {
            writes.rollUp(plan.totalDays, dimKeys);
            progress.update("TOTALS", written, total);
        }
        return written;
    }

    private void flush(String importId, Map<String, ObservationCell> batch, Map<String, Change> changes, long written) {
        if (batch.isEmpty()) {
            return;
        }
        writes.writeBatch(importId, batch.values(), changes.values().stream().map(Change::toChange).toList(), written);
        batch.clear();
        changes.values().forEach(Change::clearBatch);
    }

    private Plan plan(Viewer actor, String datasetId, ImportMapping mapping, List<ImportError> problems) {
        if (mapping == null || mapping.values() == null || mapping.values().isEmpty()) {
            problems.add(new ImportError(null, "values", "REQUIRED", "Map at least one metric code to a value column."));
            return null;
        }
        if (mapping.district() == null || blank(mapping.district().column())) {
            problems.add(new ImportError(null, "district", "REQUIRED", "Name the district column."));
        }
        var time = mapping.time();
        if (time == null || (blank(time.column()) && blank(time.dateColumn()))) {
            problems.add(new ImportError(null, "time", "REQUIRED", "Name the time column (or a date and an hour column)."));
        }
        DateTimeFormatter format = null;
        if (time != null && !blank(time.format())) {
            try {
                format = DateTimeFormatter.ofPattern(time.format());
            } catch (IllegalArgumentException e) {
                problems.add(new ImportError(null, "time.format", "INVALID_FORMAT", "Not a date-time pattern: " + time.format()));
            }
        }
        String delimiter = mapping.delimiter() == null ? "," : mapping.delimiter();
        if (delimiter.length() != 1) {
            problems.add(new ImportError(null, "delimiter", "INVALID_DELIMITER", "The delimiter is one character."));
        }
        var available = new HashMap<String, Metric>();
        indicators.metrics(actor, List.of(datasetId)).forEach(m -> available.put(m.code(), m));
        var metrics = new LinkedHashMap<String, Metric>();
        var dimensionNames = new TreeMap<>(mapping.dimensionsOrEmpty()).keySet();
        for (var code : mapping.values().keySet()) {
            var metric = available.get(code);
            if (metric == null) {
                problems.add(new ImportError(null, "values." + code, "UNKNOWN_METRIC",
                        "The dataset has no metric " + code + " (define it with defineMetric first)."));
            } else if (!Set.copyOf(metric.dimensions()).equals(dimensionNames)) {
                problems.add(new ImportError(null, "dimensions", "DIMENSIONS_MISMATCH",
                        "The metric " + code + " has the dimensions " + metric.dimensions() + "; map exactly these."));
            } else {
                metrics.put(code, metric);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        var byCode = new HashMap<String, Indicators.DistrictName>();
        var byName = new HashMap<String, Indicators.DistrictName>();
        for (var d : indicators.districtNames()) {
            if (d.code() != null) {
                byCode.put(d.code(), d);
            }
            byName.put(d.name(), d);
            if (d.nameEn() != null) {
                byName.put(d.nameEn().toLowerCase(Locale.ROOT), d);
            }
        }
        var csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter.charAt(0)).setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        return new Plan(mapping, metrics, byCode, byName, format, csv, indicators.zone());
    }

    private static Charset charset(Path file, String encoding, List<ImportError> problems) throws IOException {
        var name = encoding == null ? "AUTO" : encoding.strip().toUpperCase(Locale.ROOT);
        switch (name) {
            case "UTF-8", "UTF8" -> {
                return StandardCharsets.UTF_8;
            }
            case "CP949", "MS949", "EUC-KR", "EUCKR", "X-WINDOWS-949" -> {
                // CP949 is a superset of EUC-KR: it also reads the syllables EUC-KR cannot encode.
                return CP949;
            }
            case "AUTO" -> {
                return looksLikeUtf8(file) ? StandardCharsets.UTF_8 : CP949;
            }
            default -> {
                problems.add(new ImportError(null, "encoding", "UNSUPPORTED_ENCODING", "Use UTF-8, CP949, EUC-KR or AUTO."));
                return null;
            }
        }
    }

    /** Whether the first 64 KiB decode as UTF-8 (a sequence cut at the end of the sample is fine). */
    static boolean looksLikeUtf8(Path file) throws IOException {
        byte[] sample;
        try (var in = Files.newInputStream(file)) {
            sample = in.readNBytes(65536);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var out = CharBuffer.allocate(sample.length + 1);
        return !decoder.decode(ByteBuffer.wrap(sample), out, false).isError();
    }

    private static CSVParser open(Path file, Charset charset, CSVFormat format, MessageDigest digest) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (digest != null) {
            in = new DigestInputStream(in, digest);
        }
        Reader reader = new PushbackReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            ((PushbackReader) reader).unread(first);
        }
        return CSVParser.builder().setReader(reader).setFormat(format).get();
    }

    private Report refused(String datasetId, String hash, long rows, long bad, List<ImportError> problems, long started) {
        LOG.info("Import into {} refused: {}", datasetId, problems.isEmpty() ? "" : problems.get(0));
        return new Report(Outcome.REFUSED, null, datasetId, hash, rows, 0, bad, List.copyOf(problems), millis(started));
    }

    static String mappingHash(ImportMapping mapping) {
        try {
            return HexFormat.of().formatHex(sha256().digest(CANONICAL.writeValueAsBytes(mapping)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** What a metric's rows changed: kept over the whole import, plus the current batch's part. */
    private static final class Change {
        final Metric metric;
        final Set<String> dimKeys = new LinkedHashSet<>();
        final Set<String> districtIds = new LinkedHashSet<>();
        final Set<String> allDistrictIds = new LinkedHashSet<>();
        final Set<String> allDimKeys = new LinkedHashSet<>();
        LocalDateTime earliest;
        LocalDateTime latest;
        LocalDateTime allEarliest;
        LocalDateTime allLatest;
        final ZoneId zone;

        Change(Metric metric, ZoneId zone) {
            this.metric = metric;
            this.zone = zone;
        }

        void saw(String dimKey, String districtId, LocalDateTime at) {
            if (dimKeys.add(dimKey)) {
                allDimKeys.add(dimKey);
            }
            if (districtIds.add(districtId)) {
                allDistrictIds.add(districtId);
            }
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
            if (latest == null || at.isAfter(latest)) {
                latest = at;
            }
            if (allEarliest == null || at.isBefore(allEarliest)) {
                allEarliest = at;
            }
            if (allLatest == null || at.isAfter(allLatest)) {
                allLatest = at;
            }
        }

        MetricChange toChange() {
            return new MetricChange(metric.id(), dimKeys, districtIds, earliest.atZone(zone).toOffsetDateTime(),
                    latest.atZone(zone).toOffsetDateTime());
        }

        void clearBatch() {
            dimKeys.clear();
            districtIds.clear();
            earliest = null;
            latest = null;
        }
    }

    /** The mapping bound to the file's header: checks rows and turns valid ones into cells. */
    private static final class Plan {
        final ImportMapping mapping;
        final Map<String, Metric> metrics;
        final Map<String, Indicators.DistrictName> byCode;
        final Map<String, Indicators.DistrictName> byName;
        final DateTimeFormatter format;
        final CSVFormat csvFormat;
        final ZoneId zone;
        final List<String> dimensionNames;
        final Map<String, Change> spans = new LinkedHashMap<>();
        /** Days of metrics with dimensions that got values: their totals are recomputed at the end. */
        final Set<ObservationWrites.TotalDay> totalDays = new LinkedHashSet<>();
        int districtColumn;
        int timeColumn = -1;
        int dateColumn = -1;
        int hourColumn = -1;
        int[] dimensionColumns;
        int[] valueColumns;
        Metric[] valueMetrics;
        // Rows of one file mostly repeat the same time text: parse it once.
        String lastTimeText;
        String lastHourText;
        LocalDateTime lastTime;

        Plan(ImportMapping mapping, Map<String, Metric> metrics, Map<String, Indicators.DistrictName> byCode,
             Map<String, Indicators.DistrictName> byName, DateTimeFormatter format, CSVFormat csvFormat, ZoneId zone) {
            this.mapping = mapping;
            this.metrics = metrics;
            this.byCode = byCode;
            this.byName = byName;
            this.format = format;
            this.csvFormat = csvFormat;
            this.zone = zone;
            this.dimensionNames = new ArrayList<>(new TreeMap<>(mapping.dimensionsOrEmpty()).keySet());
        }

        boolean bind(Map<String, Integer> header, List<ImportError> problems) {
            var columns = new HashMap<String, Integer>();
            if (header != null) {
                header.forEach((name, index) -> columns.put(name == null ? "" : name.strip(), index));
            }
            districtColumn = column(columns, "district.column", mapping.district().column(), problems);
            var time = mapping.time();
            if (!blank(time.column())) {
                timeColumn = column(columns, "time.column", time.column(), problems);
            } else {
                dateColumn = column(columns, "time.dateColumn", time.dateColumn(), problems);
                if (!blank(time.hourColumn())) {
                    hourColumn = column(columns, "time.hourColumn", time.hourColumn(), problems);
                }
            }
            dimensionColumns = new int[dimensionNames.size()];
            for (int i = 0; i < dimensionNames.size(); i++) {
                var name = dimensionNames.get(i);
                dimensionColumns[i] = column(columns, "dimensions." + name, mapping.dimensions().get(name), problems);
            }
            valueColumns = new int[metrics.size()];
            valueMetrics = new Metric[metrics.size()];
            int i = 0;
            for (var entry : metrics.entrySet()) {
                valueColumns[i] = column(columns, "values." + entry.getKey(), mapping.values().get(entry.getKey()), problems);
                valueMetrics[i++] = entry.getValue();
            }
            return problems.isEmpty();
        }

        private static int column(Map<String, Integer> columns, String field, String name, List<ImportError> problems) {
            var index = name == null ? null : columns.get(name.strip());
            if (index == null) {
                problems.add(new ImportError(null, field, "MISSING_COLUMN", "The file has no column '" + name + "'."));
                return -1;
            }
            return index;
        }

        /** The row's problem, or null when it is valid. */
        ImportError check(CSVRecord record) {
            var parsed = new Parsed();
            return parse(record, parsed);
        }

        /** Adds a valid row's values to the batch; false for an invalid row. */
        boolean add(CSVRecord record, Map<String, ObservationCell> batch, Map<String, Change> changes) {
            var parsed = new Parsed();
            if (parse(record, parsed) != null) {
                return false;
            }
            for (int i = 0; i < valueMetrics.length; i++) {
                var metric = valueMetrics[i];
                var resolution = metric.resolution();
                var day = parsed.time.toLocalDate();
                int slot = resolution == Resolution.HOUR ? parsed.time.getHour() : 0;
                var key = ObservationCell.key(metric.id(), parsed.districtId, parsed.dimKey, day);
                var cell = batch.get(key);
                if (cell == null) {
                    cell = new ObservationCell(metric.id(), parsed.districtId, parsed.dimKey, day, resolution.slots());
                    batch.put(key, cell);
                    if (!metric.dimensions().isEmpty()) {
                        totalDays.add(new ObservationWrites.TotalDay(metric.id(), parsed.districtId, day, resolution.slots()));
                    }
                }
                cell.set(slot, parsed.values[i]);
                var at = resolution == Resolution.HOUR ? parsed.time : day.atStartOfDay();
                changes.computeIfAbsent(metric.id(), id -> new Change(metric, zone)).saw(parsed.dimKey, parsed.districtId, at);
                spans.computeIfAbsent(metric.id(), id -> new Change(metric, zone)).saw(parsed.dimKey, parsed.districtId, at);
            }
            return true;
        }

        List<MetricSpan> spans() {
            return spans.values().stream().map(c -> new MetricSpan(c.metric.id(), c.metric.datasetId(), c.allDistrictIds,
                    c.allEarliest.atZone(zone).toOffsetDateTime(), c.allLatest.atZone(zone).toOffsetDateTime())).toList();
        }

        private static final class Parsed {
            String districtId;
            String dimKey;
            LocalDateTime time;
            double[] values;
        }

        private ImportError parse(CSVRecord record, Parsed parsed) {
            long line = record.getRecordNumber() + 1;
            if (!record.isConsistent()) {
                return new ImportError(line, null, "BAD_ROW", "The row has " + record.size() + " columns, the header "
                        + record.getParser().getHeaderNames().size() + ".");
            }
            // District
            var districtText = record.get(districtColumn).strip();
            Indicators.DistrictName district;
            if (mapping.district().by() == ImportMapping.DistrictBy.NAME) {
                district = byName.get(districtText);
                if (district == null) {
                    district = byName.get(districtText.toLowerCase(Locale.ROOT));
                }
            } else {
                var code = districtText.length() == 8 ? districtText + "00" : districtText;
                district = byCode.get(code);
            }
            if (district == null) {
                return new ImportError(line, mapping.district().column(), "UNKNOWN_DISTRICT", "No district '" + districtText + "'.");
            }
            if (!district.leaf()) {
                return new ImportError(line, mapping.district().column(), "AGGREGATE_DISTRICT",
                        district.name() + " is made of other districts: give values for those, its totals are computed.");
            }
            parsed.districtId = district.id();
            // Time
            var time = parseTime(record);
            if (time == null) {
                return new ImportError(line, timeField(), "BAD_TIME", "Not a time this mapping reads: '" + timeText(record) + "'.");
            }
            for (var metric : valueMetrics) {
                if (metric.resolution() == Resolution.HOUR && (time.getMinute() != 0 || time.getSecond() != 0)) {
                    return new ImportError(line, timeField(), "BAD_TIME", "Hourly values are given on the hour.");
                }
            }
            parsed.time = time;
            // Dimensions, in name order, as a canonical key
            if (dimensionColumns.length > 0) {
                var key = new StringBuilder();
                for (int i = 0; i < dimensionColumns.length; i++) {
                    var value = record.get(dimensionColumns[i]).strip();
                    if (value.isEmpty() || value.length() > 60 || value.indexOf(';') >= 0 || value.indexOf('=') >= 0) {
                        return new ImportError(line, mapping.dimensions().get(dimensionNames.get(i)), "BAD_DIMENSION",
                                "A dimension value is 1 to 60 characters without ';' or '='.");
                    }
                    if (i > 0) {
                        key.append(';');
                    }
                    key.append(dimensionNames.get(i)).append('=').append(value);
                }
                parsed.dimKey = key.toString();
            } else {
                parsed.dimKey = Dimensions.TOTAL;
            }
            // Values: all or nothing for the row
            parsed.values = new double[valueColumns.length];
            for (int i = 0; i < valueColumns.length; i++) {
                var text = record.get(valueColumns[i]).strip().replace(",", "");
                double value;
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    value = Double.NaN;
                }
                if (!Double.isFinite(value)) {
                    return new ImportError(line, mapping.values().get(valueMetrics[i].code()), "BAD_VALUE",
                            "Not a number: '" + text + "'.");
                }
                parsed.values[i] = value;
            }
            return null;
        }

        private String timeField() {
            var time = mapping.time();
            return blank(time.column()) ? time.dateColumn() : time.column();
        }

        private String timeText(CSVRecord record) {
            return timeColumn >= 0 ? record.get(timeColumn) : record.get(dateColumn) + (hourColumn >= 0 ? " " + record.get(hourColumn) : "");
        }

        private LocalDateTime parseTime(CSVRecord record) {
            var text = (timeColumn >= 0 ? record.get(timeColumn) : record.get(dateColumn)).strip();
            var hourText = hourColumn >= 0 ? record.get(hourColumn).strip() : null;
            if (text.equals(lastTimeText) && java.util.Objects.equals(hourText, lastHourText)) {
                return lastTime;
            }
            LocalDateTime time;
            if (timeColumn >= 0) {
                time = dateTime(text);
            } else {
                var date = date(text);
                time = date == null ? null : date.atStartOfDay();
                if (time != null && hourText != null) {
                    try {
                        int hour = Integer.parseInt(hourText.replace("시", "").strip());
                        time = hour >= 0 && hour <= 23 ? time.withHour(hour) : null;
                    } catch (NumberFormatException e) {
                        time = null;
                    }
                }
            }
            lastTimeText = text;
            lastHourText = hourText;
            lastTime = time;
            return time;
        }

        private LocalDateTime dateTime(String text) {
            if (format != null) {
                try {
                    var parsed = format.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                    if (parsed instanceof OffsetDateTime o) {
                        return o.atZoneSameInstant(zone).toLocalDateTime();
                    }
                    return parsed instanceof LocalDateTime l ? l : ((LocalDate) parsed).atStartOfDay();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            try {
                return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeParseException e) {
                // not with an offset
            }
            for (var f : TIME_FORMATS) {
                try {
                    return LocalDateTime.parse(text, f);
                } catch (DateTimeParseException e) {
                    // next format
                }
            }
            var date = date(text);
            return date == null ? null : date.atStartOfDay();
        }

        private LocalDate date(String text) {
            if (format != null && timeColumn < 0) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            for (var f : DATE_FORMATS) {
                try {
                    return LocalDate.parse(text, f);
                } catch (DateTimeParseException e) {
                    // next format
                }
            }
            return null;
        }
    }
}
