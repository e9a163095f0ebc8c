package org.citygraph.api.dataset;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.DatasetFacts;

/** The schema's dataset event types. */
final class DatasetEvents {

    private DatasetEvents() {
    }

    enum DatasetEventKind { CREATED, UPDATED }

    record DatasetEvent(long seq, OffsetDateTime at, DatasetEventKind kind, Dataset dataset, List<String> changedFields) {
    }

    record DatasetEventFilter(List<String> publisherIds, List<String> districtIds, List<String> themes) {

        static final DatasetEventFilter ALL = new DatasetEventFilter(null, null, null);

        boolean matches(DatasetFacts facts) {
            return (empty(publisherIds) || publisherIds.contains(facts.publisherId()))
                    && (empty(districtIds) || districtIds.stream().anyMatch(facts.districtIds()::contains))
                    && (empty(themes) || themes.stream().anyMatch(facts.themes()::contains));
        }

        private static boolean empty(Collection<?> values) {
            return values == null || values.isEmpty();
        }
    }
}
