package org.citygraph.graph.complaint;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Graph;
import org.citygraph.graph.issue.IssueCategory;

/**
 * Complaint counts that staff watch live: per district and category over a span of time, and the
 * "rising" signals, where a district and category receive more than {@code factor} times their usual
 * number in the latest window, the usual being the average window of the baseline weeks before it.
 */
public final class ComplaintStats {

    /** Complaints of one district (null: not placed) and category. */
    public record Count(String districtId, String districtName, IssueCategory category, long count) {
    }

    /**
     * A district and category above their usual rate.
     *
     * @param recent the complaints in the window
     * @param usual  the average per window over the baseline before it
     */
    public record Rising(String districtId, String districtName, IssueCategory category, long recent, double usual,
                         OffsetDateTime from, OffsetDateTime to) {
    }

    /** How rising is judged. */
    public record RisingRule(Duration window, int baselineWeeks, double factor, int minimum) {
    }

    private static final String COUNTS = """
            MATCH (c:Complaint)
            WHERE c.requestedAt >= $from AND c.requestedAt < $to
            OPTIONAL MATCH (c)-[:LOCATED_IN]->(d:District)
            RETURN d.id AS districtId, d.name AS districtName, c.category AS category, count(*) AS count
            ORDER BY count DESC, districtName, category""";

    private static final String RISING = """
            MATCH (c:Complaint)-[:LOCATED_IN]->(d:District)
            WHERE c.requestedAt >= $baselineFrom AND c.requestedAt < $to
            WITH d, c.category AS category,
                 count(CASE WHEN c.requestedAt >= $from THEN 1 END) AS recent,
                 count(CASE WHEN c.requestedAt < $from THEN 1 END) AS earlier
            WITH d, category, recent, toFloat(earlier) / $windows AS usual
            WHERE recent >= $minimum AND recent > $factor * usual
            RETURN d.id AS districtId, d.name AS districtName, category, recent, usual
            ORDER BY recent - usual DESC, districtName, category""";

    private final Graph graph;

    public ComplaintStats(Graph graph) {
        this.graph = graph;
    }

    /** Counts of complaints requested in [from, to), by district and category, largest first. */
    public List<Count> counts(OffsetDateTime from, OffsetDateTime to) {
        return graph.read(tx -> tx.run(COUNTS, Map.of("from", from, "to", to)).list(r -> new Count(
                r.get("districtId").isNull() ? null : r.get("districtId").asString(),
                r.get("districtName").isNull() ? null : r.get("districtName").asString(),
                IssueCategory.valueOf(r.get("category").asString()), r.get("count").asLong())));
    }

    /** The rising signals of the window that ends at {@code now}, strongest first. */
    public List<Rising> rising(OffsetDateTime now, RisingRule rule) {
        var from = now.minus(rule.window());
        var baselineFrom = from.minus(Duration.ofDays(7L * rule.baselineWeeks()));
        double windows = (double) Duration.ofDays(7L * rule.baselineWeeks()).toMillis() / rule.window().toMillis();
        return graph.read(tx -> tx.run(RISING, Map.of("baselineFrom", baselineFrom, "from", from, "to", now,
                        "windows", windows, "minimum", rule.minimum(), "factor", rule.factor()))
                .list(r -> new Rising(r.get("districtId").asString(), r.get("districtName").asString(),
                        IssueCategory.valueOf(r.get("category").asString()), r.get("recent").asLong(),
                        r.get("usual").asDouble(), from, now)));
    }
}
