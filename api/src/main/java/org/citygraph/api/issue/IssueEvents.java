package org.citygraph.api.issue;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.IssueFacts;
import org.citygraph.graph.issue.Severity;

/** The schema's issue event types. */
final class IssueEvents {

    private IssueEvents() {
    }

    enum IssueEventKind {
        CREATED, UPDATED, STATUS_CHANGED, LINKED, UNLINKED;

        static Optional<IssueEventKind> of(EventKind kind) {
            return switch (kind) {
                case ISSUE_CREATED -> Optional.of(CREATED);
                case ISSUE_UPDATED -> Optional.of(UPDATED);
                case ISSUE_STATUS_CHANGED -> Optional.of(STATUS_CHANGED);
                case ISSUE_LINKED -> Optional.of(LINKED);
                case ISSUE_UNLINKED -> Optional.of(UNLINKED);
                default -> Optional.empty();
            };
        }
    }

    record IssueEvent(long seq, OffsetDateTime at, IssueEventKind kind, Issue issue, List<String> changedFields,
                      List<String> targetIds) {

        /**
         * The event as the viewer receives it. Districts and agencies are public; a linked issue or
         * dataset may be internal, so its id goes to staff only.
         */
        static IssueEvent of(GraphEvent event, IssueEventKind kind, Issue issue, Viewer viewer) {
            var targets = viewer.seesEverything() ? event.relatedIds() : event.relatedIds().stream()
                    .filter(id -> NodeType.ofId(id).filter(t -> t == NodeType.DISTRICT || t == NodeType.AGENCY).isPresent())
                    .toList();
            return new IssueEvent(event.seq(), event.at(), kind, issue, event.fields(), targets);
        }
    }

    record IssueEventFilter(List<String> districtIds, List<String> agencyIds, List<IssueCategory> categories,
                            Severity minSeverity, List<IssueEventKind> kinds) {

        static final IssueEventFilter ALL = new IssueEventFilter(null, null, null, null, null);

        boolean allows(IssueEventKind kind) {
            return empty(kinds) || kinds.contains(kind);
        }

        /** Districts and agencies match the issue's current ones or the ids the event linked or unlinked. */
        boolean matches(IssueFacts facts, GraphEvent event) {
            return (empty(districtIds) || intersects(districtIds, facts.districtIds()) || intersects(districtIds, event.relatedIds()))
                    && (empty(agencyIds) || intersects(agencyIds, facts.agencyIds()) || intersects(agencyIds, event.relatedIds()))
                    && (empty(categories) || categories.contains(facts.category()))
                    && (minSeverity == null || facts.severity().rank() >= minSeverity.rank());
        }

        private static boolean empty(Collection<?> values) {
            return values == null || values.isEmpty();
        }

        private static boolean intersects(Collection<String> wanted, Collection<String> actual) {
            return wanted.stream().anyMatch(actual::contains);
        }
    }
}
