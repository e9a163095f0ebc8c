package org.citygraph.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** Open311's date-times are W3C date-times with seconds, even on a whole minute (where toString drops them). */
class Open311DateTimeTest {

    @Test
    void secondsAreWrittenOnAWholeMinuteAndFractionsAreDropped() {
        assertThat(Open311Controller.text(OffsetDateTime.parse("2026-11-26T09:01Z"))).isEqualTo("2026-11-26T09:01:00Z");
        assertThat(Open311Controller.text(OffsetDateTime.parse("2026-11-26T18:01:07.123+09:00"))).isEqualTo("2026-11-26T18:01:07+09:00");
        assertThat(Open311Controller.text(null)).isNull();
    }
}
