package org.citygraph.api.graphql;

import java.time.OffsetDateTime;

/** The schema's {@code TimeRange}: from inclusive, to exclusive, either open. */
public record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    public static OffsetDateTime from(TimeRange range) {
        return range == null ? null : range.from();
    }

    public static OffsetDateTime to(TimeRange range) {
        return range == null ? null : range.to();
    }
}
