package org.citygraph.graph.dataset;

import java.time.LocalDate;
import java.util.List;

/**
 * A dataset as staff describe it. For changes, {@code null} leaves a field as it is and a list
 * replaces the old one.
 *
 * @param issueIds issues this dataset is evidence for
 */
public record DatasetDraft(String title, String description, String publisherId, List<String> themes,
                           List<String> keywords, List<String> districtIds, LocalDate temporalStart,
                           LocalDate temporalEnd, UpdateFrequency updateFrequency, String license,
                           String distributionUrl, String mediaType, AccessLevel accessLevel,
                           java.time.OffsetDateTime modifiedAt, List<String> issueIds) {
}
