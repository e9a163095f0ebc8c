package org.citygraph.api.complaint;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Complaints ({@code citygraph.complaints.*}).
 *
 * @param cityRadiusMeters   a point farther than this from every district's centre is outside the city
 * @param duplicateMeters    complaints of one category this close...
 * @param duplicateWindow    ...and this recent are suggested as duplicates
 * @param zone               the city's time zone, for "today" and "this week"
 * @param risingWindow       the window a rising signal looks at, ending now
 * @param baselineWeeks      the weeks before the window that give the usual rate
 * @param risingFactor       rising means more than this many times the usual...
 * @param risingMinimum      ...and at least this many complaints in the window
 */
@Validated
@ConfigurationProperties("citygraph.complaints")
public record ComplaintProperties(
        @DecimalMin("100") @DefaultValue("15000") double cityRadiusMeters,
        @DecimalMin("0") @DefaultValue("150") double duplicateMeters,
        @NotNull @DefaultValue("7d") Duration duplicateWindow,
        @NotNull @DefaultValue("Asia/Seoul") ZoneId zone,
        @NotNull @DefaultValue("24h") Duration risingWindow,
        @Min(1) @DefaultValue("4") int baselineWeeks,
        @DecimalMin("1.0") @DefaultValue("3.0") double risingFactor,
        @Min(1) @DefaultValue("3") int risingMinimum) {
}
