package org.citygraph.graph.news;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which news a list shows; set fields combine with AND.
 *
 * @param districtIds items that mention any of these districts or a district inside them
 * @param agencyIds   items that mention any of these agencies
 * @param issueIds    items that mention any of these issues
 * @param feedIds     items that came from any of these feeds
 * @param text        words searched in titles and summaries
 */
public record NewsFilter(List<String> districtIds, List<String> agencyIds, List<String> issueIds, List<String> feedIds,
                         OffsetDateTime from, OffsetDateTime to, String text) {

    public static final NewsFilter NONE = new NewsFilter(null, null, null, null, null, null, null);
}
