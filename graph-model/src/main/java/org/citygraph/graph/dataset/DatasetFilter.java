package org.citygraph.graph.dataset;

import java.util.List;

/**
 * Which datasets a catalog list shows; set fields combine with AND, values in a list with OR.
 *
 * @param districtIds datasets covering any of these districts or a district inside them
 */
public record DatasetFilter(String text, List<String> themes, List<String> keywords, List<String> publisherIds,
                            List<String> districtIds, List<AccessLevel> accessLevels,
                            List<UpdateFrequency> updateFrequencies) {

    public static final DatasetFilter NONE = new DatasetFilter(null, null, null, null, null, null, null);
}
