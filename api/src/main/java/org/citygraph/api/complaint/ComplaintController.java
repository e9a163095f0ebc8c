package org.citygraph.api.complaint;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.citygraph.api.event.EventViews;
import org.citygraph.api.event.Subscriptions;
import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.TimeRange;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.api.graphql.Writes;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.complaint.Complaint;
import org.citygraph.graph.complaint.ComplaintContact;
import org.citygraph.graph.complaint.ComplaintService;
import org.citygraph.graph.complaint.ComplaintStats;
import org.citygraph.graph.complaint.ComplaintStatus;
import org.citygraph.graph.complaint.Complaints;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueCategory;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.issue.Severity;
import org.citygraph.graph.news.Mention;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code Complaint} type: intake, triage, counters, rising signals and the live stream. */
@Controller
class ComplaintController {

    private static final String CONTACTS = "complaintContacts";

    // ------------------------------------------------------------------ schema records

    record ComplaintFilterInput(List<String> serviceCodes, List<IssueCategory> categories, List<ComplaintStatus> statuses,
                                TimeRange requested, String districtId, String agencyId, String issueId, Boolean withoutIssue) {

        Complaints.Filter toFilter() {
            return new Complaints.Filter(serviceCodes, categories == null ? null : categories.stream().map(Enum::name).toList(),
                    statuses, TimeRange.from(requested), TimeRange.to(requested), districtId, agencyId, issueId,
                    Boolean.TRUE.equals(withoutIssue));
        }
    }

    record ComplaintContactInput(String firstName, String lastName, String email, String phone, String deviceId, String accountId) {
        ComplaintContact toContact() {
            return new ComplaintContact(firstName, lastName, email, phone, deviceId, accountId);
        }
    }

    record SubmitComplaintInput(String serviceCode, String description, String address, Double latitude, Double longitude,
                                String mediaUrl, ComplaintContactInput contact) {
        Submission toSubmission() {
            return new Submission(serviceCode, description, address, latitude, longitude, mediaUrl,
                    contact == null ? null : contact.toContact());
        }
    }

    record AssignComplaintInput(String id, String agencyId) {
    }

    record ReplyToComplaintInput(String id, ComplaintStatus status, String notes, OffsetDateTime expectedAt) {
    }

    record MergeComplaintInput(String id, String intoId) {
    }

    record AttachComplaintsInput(List<String> ids, String issueId) {
    }

    record OpenIssueFromComplaintsInput(List<String> ids, String title, Severity severity) {
    }

    record OpenIssueFromRisingInput(String districtId, IssueCategory category, String title, Severity severity) {
    }

    record ComplaintPayload(Complaint complaint, List<UserError> errors) {
    }

    record ComplaintsPayload(List<Complaint> complaints, List<UserError> errors) {
    }

    record IssueResult(Issue issue, List<UserError> errors) {
    }

    record DuplicateSuggestion(Complaint complaint, double meters) {
    }

    enum CounterPeriod { TODAY, WEEK }

    record ComplaintCount(District district, IssueCategory category, long count) {
    }

    record ComplaintCounters(CounterPeriod period, OffsetDateTime from, long total, List<ComplaintCount> counts) {
    }

    record RisingSignal(District district, IssueCategory category, long recent, double usual, OffsetDateTime from,
                        OffsetDateTime to) {
    }

    record ComplaintEventFilter(List<String> districtIds, List<IssueCategory> categories, List<String> serviceCodes) {
    }

    record ComplaintEvent(long seq, OffsetDateTime at, Complaint complaint) {
    }

    // ------------------------------------------------------------------

    private final Complaints complaints;
    private final ComplaintStats stats;
    private final ComplaintIntake intake;
    private final ComplaintProperties properties;
    private final Districts districts;
    private final Agencies agencies;
    private final Issues issues;
    private final Writes writes;
    private final Subscriptions subscriptions;
    private final EventViews views;

    ComplaintController(Complaints complaints, ComplaintStats stats, ComplaintIntake intake, ComplaintProperties properties,
                        Districts districts, Agencies agencies, Issues issues, Writes writes, Subscriptions subscriptions,
                        EventViews views, BatchLoaderRegistry registry) {
        this.complaints = complaints;
        this.stats = stats;
        this.intake = intake;
        this.properties = properties;
        this.districts = districts;
        this.agencies = agencies;
        this.issues = issues;
        this.writes = writes;
        this.subscriptions = subscriptions;
        this.views = views;
        registry.<String, ComplaintContact>forName(CONTACTS).registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() ->
                complaints.contacts(ViewerInterceptor.viewer((GraphQLContext) env.getContext()), ids)));
    }

    // ------------------------------------------------------------------ queries

    @QueryMapping(name = "complaints")
    Connection<Complaint> list(@Argument ComplaintFilterInput filter, @Argument Integer first, @Argument String after,
                               DataFetchingEnvironment env) {
        return Connection.of(complaints.list(filter == null ? Complaints.Filter.ALL : filter.toFilter(),
                new PageRequest(first, after, null, null), Selections.wantsTotalCount(env)));
    }

    @QueryMapping
    Complaint complaint(@Argument String id) {
        return complaints.byId(id).orElse(null);
    }

    @QueryMapping
    List<ComplaintService> complaintServices() {
        return List.of(ComplaintService.values());
    }

    @QueryMapping
    ComplaintCounters complaintCounters(@Argument CounterPeriod period) {
        var now = ZonedDateTime.now(properties.zone());
        var start = now.toLocalDate().atStartOfDay(properties.zone());
        if (period == CounterPeriod.WEEK) {
            start = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        var from = start.toOffsetDateTime();
        var counts = stats.counts(from, now.toOffsetDateTime().plusSeconds(1));
        var byId = districtsById(counts.stream().map(ComplaintStats.Count::districtId).filter(Objects::nonNull).toList());
        return new ComplaintCounters(period, from, counts.stream().mapToLong(ComplaintStats.Count::count).sum(),
                counts.stream().map(c -> new ComplaintCount(c.districtId() == null ? null : byId.get(c.districtId()),
                        c.category(), c.count())).toList());
    }

    @QueryMapping
    List<RisingSignal> risingComplaints() {
        var rising = stats.rising(OffsetDateTime.now(), rule());
        var byId = districtsById(rising.stream().map(ComplaintStats.Rising::districtId).toList());
        return rising.stream().map(r -> new RisingSignal(byId.get(r.districtId()), r.category(), r.recent(), r.usual(),
                r.from(), r.to())).toList();
    }

    // ------------------------------------------------------------------ fields

    @BatchMapping
    Map<Complaint, District> district(List<Complaint> list) {
        var byId = districtsById(list.stream().map(Complaint::districtId).filter(Objects::nonNull).toList());
        return mapped(list, c -> c.districtId() == null ? null : byId.get(c.districtId()));
    }

    @BatchMapping
    Map<Complaint, Agency> agency(List<Complaint> list) {
        var ids = list.stream().map(Complaint::agencyId).filter(Objects::nonNull).distinct().toList();
        var byId = agencies.byIds(ids).stream().collect(Collectors.toMap(Agency::id, Function.identity()));
        return mapped(list, c -> c.agencyId() == null ? null : byId.get(c.agencyId()));
    }

    /** The gathering issue as the viewer may see it: an internal issue is null to the public. */
    @BatchMapping
    Map<Complaint, Issue> issue(List<Complaint> list, GraphQLContext context) {
        var ids = list.stream().map(Complaint::issueId).filter(Objects::nonNull).distinct().toList();
        var byId = ids.isEmpty() ? Map.<String, Issue>of() : issues.byIds(ViewerInterceptor.viewer(context), ids).stream()
                .collect(Collectors.toMap(Issue::id, Function.identity()));
        return mapped(list, c -> c.issueId() == null ? null : byId.get(c.issueId()));
    }

    @BatchMapping
    Map<Complaint, Complaint> duplicateOf(List<Complaint> list) {
        var byId = complaintsById(list.stream().map(Complaint::duplicateOfId).filter(Objects::nonNull).toList());
        return mapped(list, c -> c.duplicateOfId() == null ? null : byId.get(c.duplicateOfId()));
    }

    @BatchMapping
    Map<Complaint, List<DuplicateSuggestion>> suggestedDuplicates(List<Complaint> list) {
        var suggestions = complaints.suggestions(list.stream().map(Complaint::id).toList());
        var byId = complaintsById(suggestions.values().stream().flatMap(List::stream).map(Complaints.Suggestion::complaintId).toList());
        return mapped(list, c -> suggestions.getOrDefault(c.id(), List.of()).stream()
                .filter(s -> byId.containsKey(s.complaintId()))
                .map(s -> new DuplicateSuggestion(byId.get(s.complaintId()), s.meters())).toList());
    }

    @BatchMapping
    Map<Complaint, List<Mention>> mentions(List<Complaint> list, GraphQLContext context) {
        var mentions = complaints.mentions(ViewerInterceptor.viewer(context), list.stream().map(Complaint::id).toList());
        return mapped(list, c -> mentions.getOrDefault(c.id(), List.of()));
    }

    /**
     * Personal data: read under the graph model's contact rule (admins, staff of the agency
     * responsible), batched; and never in a subscription event, whoever listens.
     */
    @SchemaMapping
    CompletableFuture<ComplaintContact> contact(Complaint complaint, DataFetchingEnvironment env) {
        if (env.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return CompletableFuture.completedFuture(null);
        }
        return env.<String, ComplaintContact>getDataLoader(CONTACTS).load(complaint.id());
    }

    // ------------------------------------------------------------------ subscriptions

    @SubscriptionMapping
    Flux<ComplaintEvent> complaintReceived(@Argument ComplaintEventFilter filter, @Argument Long after,
                                           @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        return subscriptions.stream(after, sessionId).handle((event, sink) -> {
            if (event.kind() != EventKind.COMPLAINT_RECEIVED) {
                return;
            }
            views.complaint(event).filter(c -> matches(filter, c))
                    .ifPresent(c -> sink.next(new ComplaintEvent(event.seq(), event.at(), c)));
        });
    }

    private boolean matches(ComplaintEventFilter filter, Complaint complaint) {
        if (filter == null) {
            return true;
        }
        return (empty(filter.categories()) || filter.categories().contains(complaint.category()))
                && (empty(filter.serviceCodes()) || filter.serviceCodes().contains(complaint.serviceCode()))
                && (empty(filter.districtIds()) || complaint.districtId() != null
                    && views.districtLineage(complaint.districtId()).stream().anyMatch(filter.districtIds()::contains));
    }

    // ------------------------------------------------------------------ mutations

    @MutationMapping
    ComplaintPayload submitComplaint(@Argument SubmitComplaintInput input, @ContextValue Viewer viewer,
                                     @ContextValue(name = ViewerInterceptor.CLIENT_ADDRESS, required = false) String address) {
        intake.admit(viewer, address);
        try {
            return new ComplaintPayload(intake.submit(viewer, input.toSubmission()), List.of());
        } catch (InvalidInputException e) {
            return new ComplaintPayload(null, UserError.of(e));
        }
    }

    @MutationMapping
    ComplaintPayload assignComplaint(@Argument AssignComplaintInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> complaints.assign(viewer, input.id(), input.agencyId()), ComplaintController::ok,
                ComplaintController::refused);
    }

    @MutationMapping
    ComplaintPayload replyToComplaint(@Argument ReplyToComplaintInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> complaints.reply(viewer, input.id(), input.status(), input.notes(), input.expectedAt()),
                ComplaintController::ok, ComplaintController::refused);
    }

    @MutationMapping
    ComplaintPayload mergeComplaint(@Argument MergeComplaintInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> complaints.merge(viewer, input.id(), input.intoId()), ComplaintController::ok,
                ComplaintController::refused);
    }

    @MutationMapping
    ComplaintsPayload attachComplaints(@Argument AttachComplaintsInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> complaints.attach(viewer, input.ids(), input.issueId()),
                list -> new ComplaintsPayload(list, List.of()), errors -> new ComplaintsPayload(List.of(), errors));
    }

    @MutationMapping
    IssueResult openIssueFromComplaints(@Argument OpenIssueFromComplaintsInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> complaints.openIssue(viewer, input.ids(), input.title(), input.severity(), null),
                issue -> new IssueResult(issue, List.of()), errors -> new IssueResult(null, errors));
    }

    /** The signal as it stands now: its complaints are those of the district and category in the current window. */
    @MutationMapping
    IssueResult openIssueFromRising(@Argument OpenIssueFromRisingInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        var now = OffsetDateTime.now();
        var signal = stats.rising(now, rule()).stream()
                .filter(r -> r.districtId().equals(input.districtId()) && r.category() == input.category()).findFirst();
        if (signal.isEmpty()) {
            return new IssueResult(null, List.of(new UserError(List.of("input", "districtId"), "NOT_RISING",
                    "Complaints of this category in this district are not above their usual rate now.")));
        }
        var ids = complaints.members(input.districtId(), input.category().name(), signal.get().from(), now);
        var title = input.title() == null || input.title().isBlank()
                ? signal.get().districtName() + " " + input.category().name() + " 민원 급증 (" + ids.size() + "건)" : input.title();
        return writes.run(() -> complaints.openIssue(viewer, ids, title, input.severity(),
                        "최근 " + properties.risingWindow().toHours() + "시간 민원 " + signal.get().recent() + "건, 평소 "
                                + String.format("%.1f", signal.get().usual()) + "건"),
                issue -> new IssueResult(issue, List.of()), errors -> new IssueResult(null, errors));
    }

    @GraphQlExceptionHandler
    GraphQLError tooMany(ComplaintIntake.TooManySubmissions e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(e.getMessage())
                .extensions(Map.of("code", "RATE_LIMITED", "classification", "TOO_MANY_REQUESTS",
                        "retryAfterSeconds", e.retryAfterSeconds())).build();
    }

    // ------------------------------------------------------------------

    ComplaintStats.RisingRule rule() {
        return new ComplaintStats.RisingRule(properties.risingWindow(), properties.baselineWeeks(), properties.risingFactor(),
                properties.risingMinimum());
    }

    private Map<String, District> districtsById(Collection<String> ids) {
        var distinct = new HashSet<>(ids);
        return distinct.isEmpty() ? Map.of() : districts.byIds(distinct).stream().collect(Collectors.toMap(District::id, Function.identity()));
    }

    private Map<String, Complaint> complaintsById(Collection<String> ids) {
        var distinct = new HashSet<>(ids);
        return distinct.isEmpty() ? Map.of() : complaints.byIds(distinct).stream().collect(Collectors.toMap(Complaint::id, Function.identity()));
    }

    private static <V> Map<Complaint, V> mapped(List<Complaint> list, Function<Complaint, V> value) {
        var result = new LinkedHashMap<Complaint, V>();
        list.forEach(c -> result.put(c, value.apply(c)));
        return result;
    }

    private static boolean empty(Collection<?> values) {
        return values == null || values.isEmpty();
    }

    private static ComplaintPayload ok(Complaint complaint) {
        return new ComplaintPayload(complaint, List.of());
    }

    private static ComplaintPayload refused(List<UserError> errors) {
        return new ComplaintPayload(null, errors);
    }
}
