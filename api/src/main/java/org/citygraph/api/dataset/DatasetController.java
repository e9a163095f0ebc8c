package org.citygraph.api.dataset;

import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.citygraph.api.dataset.DatasetEvents.DatasetEvent;
import org.citygraph.api.dataset.DatasetEvents.DatasetEventFilter;
import org.citygraph.api.dataset.DatasetEvents.DatasetEventKind;
import org.citygraph.api.event.EventViews;
import org.citygraph.api.event.Subscriptions;
import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.api.graphql.Prefetch;
import org.citygraph.api.graphql.Related;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.Writes;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.read.Relation;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.dataset.AccessLevel;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.DatasetDraft;
import org.citygraph.graph.dataset.DatasetFilter;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.dataset.UpdateFrequency;
import org.citygraph.graph.district.District;
import org.citygraph.graph.issue.Issue;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

/** The {@code Dataset} type: the catalog, its relationships, and the staff's mutations. */
@Controller
class DatasetController {

    /** The schema's {@code DatasetFilter}. */
    record DatasetFilterInput(String text, List<String> themes, List<String> keywords, List<String> publisherIds,
                              List<String> districtIds, List<AccessLevel> accessLevels,
                              List<UpdateFrequency> updateFrequencies) {

        DatasetFilter toFilter() {
            return new DatasetFilter(text == null || text.isBlank() ? null : text, themes, keywords, publisherIds,
                    districtIds, accessLevels, updateFrequencies);
        }
    }

    /** The schema's {@code CreateDatasetInput} and {@code UpdateDatasetInput} ({@code id} only in the latter). */
    record DatasetInput(String id, String title, String description, String publisherId, List<String> themes,
                        List<String> keywords, List<String> districtIds, LocalDate temporalStart, LocalDate temporalEnd,
                        UpdateFrequency updateFrequency, String license, URL distributionUrl, String mediaType,
                        AccessLevel accessLevel, OffsetDateTime modifiedAt, List<String> issueIds) {

        DatasetDraft toDraft() {
            return new DatasetDraft(title, description, publisherId, themes, keywords, districtIds, temporalStart,
                    temporalEnd, updateFrequency, license, distributionUrl == null ? null : distributionUrl.toString(),
                    mediaType, accessLevel, modifiedAt, issueIds);
        }
    }

    /** The schema's {@code DatasetPayload}. */
    record DatasetPayload(Dataset dataset, List<UserError> errors) {
    }

    private final Datasets datasets;
    private final Reads reads;
    private final Related related;
    private final Writes writes;
    private final Subscriptions subscriptions;
    private final EventViews views;

    DatasetController(Datasets datasets, Reads reads, Related related, Writes writes, Subscriptions subscriptions,
                      EventViews views) {
        this.datasets = datasets;
        this.reads = reads;
        this.related = related;
        this.writes = writes;
        this.subscriptions = subscriptions;
        this.views = views;
    }

    @QueryMapping(name = "datasets")
    Connection<Dataset> list(@Argument DatasetFilterInput filter, @Argument Datasets.Order orderBy, @Argument Integer first,
                             @Argument String after, @Argument Integer last, @Argument String before,
                             @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var page = reads.page(viewer, NodeType.DATASET, Datasets.rootQuery(filter == null ? DatasetFilter.NONE : filter.toFilter(), orderBy),
                new PageRequest(first, after, last, before), Selections.wantsTotalCount(env),
                Prefetch.planConnection(NodeType.DATASET, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), page);
    }

    @QueryMapping
    Object dataset(@Argument String id, @ContextValue Viewer viewer, DataFetchingEnvironment env) {
        var loaded = reads.byIds(viewer, NodeType.DATASET, List.of(id), Prefetch.plan(NodeType.DATASET, env.getSelectionSet()));
        return Prefetch.register(env.getGraphQlContext(), loaded.get(id));
    }

    @BatchMapping
    Map<Dataset, Agency> publisher(List<Dataset> list, GraphQLContext context) {
        return related.one(list, Relation.DATASET_PUBLISHER, context);
    }

    @BatchMapping
    Map<Dataset, List<District>> districts(List<Dataset> list, GraphQLContext context) {
        return related.list(list, Relation.DATASET_DISTRICTS, context);
    }

    @BatchMapping
    Map<Dataset, List<Issue>> issues(List<Dataset> list, GraphQLContext context) {
        return related.list(list, Relation.DATASET_ISSUES, context);
    }

    @SubscriptionMapping
    Flux<DatasetEvent> datasetUpdated(@Argument DatasetEventFilter filter, @Argument Long after, @ContextValue Viewer viewer,
                                      @ContextValue(name = ViewerInterceptor.SESSION_ID, required = false) String sessionId) {
        var wanted = filter == null ? DatasetEventFilter.ALL : filter;
        return subscriptions.stream(after, sessionId).handle((event, sink) -> {
            var kind = switch (event.kind()) {
                case DATASET_CREATED -> DatasetEventKind.CREATED;
                case DATASET_UPDATED -> DatasetEventKind.UPDATED;
                default -> null;
            };
            if (kind != null && views.datasetFacts(event).filter(wanted::matches).isPresent()) {
                views.dataset(event, viewer).ifPresent(d -> sink.next(new DatasetEvent(event.seq(), event.at(), kind, d, event.fields())));
            }
        });
    }

    @MutationMapping
    DatasetPayload createDataset(@Argument DatasetInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> datasets.create(viewer, input.toDraft()),
                d -> new DatasetPayload(d, List.of()), errors -> new DatasetPayload(null, errors));
    }

    @MutationMapping
    DatasetPayload updateDataset(@Argument DatasetInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        return writes.run(() -> datasets.update(viewer, input.id(), input.toDraft()),
                d -> new DatasetPayload(d, List.of()), errors -> new DatasetPayload(null, errors));
    }

}
