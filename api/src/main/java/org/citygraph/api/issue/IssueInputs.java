package org.citygraph.api.issue;

import java.util.List;

import org.citygraph.api.graphql.TimeRange;
import org.citygraph.api.graphql.UserError;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueChanges;
import org.citygraph.graph.issue.IssueDraft;
import org.citygraph.graph.issue.IssueFilter;
import org.citygraph.graph.issue.IssueOrder;
import org.citygraph.graph.issue.IssueStatus;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.issue.Visibility;

/** The schema's issue inputs and payload, bound by Spring for GraphQL. */
public final class IssueInputs {

    private IssueInputs() {
    }

    public record IssueFilterInput(List<String> districtIds, List<String> agencyIds, List<IssueCategory> categories,
                            List<IssueStatus> statuses, Boolean openOnly, Severity minSeverity, Visibility visibility,
                            TimeRange created, TimeRange updated, String text) {

        public static IssueFilter toFilter(IssueFilterInput input) {
            if (input == null) {
                return IssueFilter.NONE;
            }
            var statuses = input.statuses();
            if ((statuses == null || statuses.isEmpty()) && Boolean.TRUE.equals(input.openOnly())) {
                statuses = IssueStatus.openStatuses();
            }
            return new IssueFilter(input.districtIds(), input.agencyIds(), input.categories(), statuses,
                    input.minSeverity(), input.visibility(), TimeRange.from(input.created()), TimeRange.to(input.created()),
                    TimeRange.from(input.updated()), TimeRange.to(input.updated()),
                    input.text() == null || input.text().isBlank() ? null : input.text());
        }
    }

    /** The filter from a field argument as graphql-java gives it (a map, variables resolved). */
    public static IssueFilter filterFromMap(java.util.Map<String, Object> map) {
        if (map == null) {
            return IssueFilter.NONE;
        }
        return IssueFilterInput.toFilter(new IssueFilterInput(strings(map.get("districtIds")), strings(map.get("agencyIds")),
                enums(IssueCategory.class, map.get("categories")), enums(IssueStatus.class, map.get("statuses")),
                (Boolean) map.get("openOnly"), one(Severity.class, map.get("minSeverity")), one(Visibility.class, map.get("visibility")),
                range(map.get("created")), range(map.get("updated")), (String) map.get("text")));
    }

    /** The order from a field argument map. */
    public static IssueOrder orderFromMap(java.util.Map<String, Object> map) {
        if (map == null) {
            return IssueOrder.NEWEST_FIRST;
        }
        return IssueOrderInput.toOrder(new IssueOrderInput(one(IssueOrder.Field.class, map.get("field")),
                one(OrderDirection.class, map.get("direction"))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? null : (List<String>) value;
    }

    private static <E extends Enum<E>> List<E> enums(Class<E> type, Object value) {
        return value == null ? null : ((List<?>) value).stream().map(v -> Enum.valueOf(type, v.toString())).toList();
    }

    private static <E extends Enum<E>> E one(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, value.toString());
    }

    private static TimeRange range(Object value) {
        if (!(value instanceof java.util.Map<?, ?> map)) {
            return null;
        }
        return new TimeRange(time(map.get("from")), time(map.get("to")));
    }

    private static java.time.OffsetDateTime time(Object value) {
        return value == null ? null : value instanceof java.time.OffsetDateTime t ? t : java.time.OffsetDateTime.parse(value.toString());
    }

    public enum OrderDirection { ASC, DESC }

    public record IssueOrderInput(IssueOrder.Field field, OrderDirection direction) {

        public static IssueOrder toOrder(IssueOrderInput input) {
            if (input == null) {
                return IssueOrder.NEWEST_FIRST;
            }
            return new IssueOrder(input.field() == null ? IssueOrder.Field.CREATED_AT : input.field(),
                    input.direction() != OrderDirection.ASC);
        }
    }

    record CreateIssueInput(String title, String summary, IssueCategory category, Severity severity,
                            Visibility visibility, List<String> districtIds, String ownerId,
                            List<String> involvedAgencyIds, String note) {

        IssueDraft toDraft() {
            return new IssueDraft(title, summary, category, severity, visibility, districtIds, ownerId, involvedAgencyIds, note);
        }
    }

    record UpdateIssueInput(String id, String title, String summary, IssueCategory category, Severity severity,
                            Visibility visibility, String ownerId) {

        IssueChanges toChanges() {
            return new IssueChanges(title, summary, category, severity, visibility, ownerId);
        }
    }

    record ChangeIssueStatusInput(String id, IssueStatus to, String note) {
    }

    record LinkIssueInput(String id, List<String> targetIds) {
    }

    /** The schema's {@code IssuePayload}. */
    record IssuePayload(Issue issue, List<UserError> errors) {
    }
}
