package org.citygraph.graph.news;

import java.util.Set;

/** What news event filters match on: the districts (with those they are part of), agencies, issues and feed an item is about. */
public record NewsFacts(String id, Set<String> districtIds, Set<String> agencyIds, Set<String> issueIds, String feedId) {
}
