package org.citygraph.graph.dataset;

import java.util.Set;

/** What dataset event filters match on: publisher, covered districts (with those they are part of) and themes. */
public record DatasetFacts(String id, String publisherId, Set<String> districtIds, Set<String> themes) {
}
