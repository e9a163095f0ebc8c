package org.citygraph.graph.webhook;

import java.util.List;

/**
 * Which events a webhook receives; empty lists mean any. Values are kept as the names the API
 * uses (event kinds such as ISSUE_STATUS_CHANGED, categories, a severity), so that the graph model
 * needs no knowledge of the API's enums.
 *
 * @param kinds       event kinds, e.g. ISSUE_CREATED, NEWS_PUBLISHED
 * @param districtIds events about these districts or districts inside them
 * @param agencyIds   events about these agencies
 * @param categories  issue categories
 * @param minSeverity the lowest issue severity delivered
 */
public record WebhookFilter(List<String> kinds, List<String> districtIds, List<String> agencyIds, List<String> categories,
                            String minSeverity) {

    public static final WebhookFilter ALL = new WebhookFilter(List.of(), List.of(), List.of(), List.of(), null);

    public WebhookFilter {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        districtIds = districtIds == null ? List.of() : List.copyOf(districtIds);
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
