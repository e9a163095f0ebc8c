package org.citygraph.api.indicator;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Indicators and observation imports ({@code citygraph.indicators.*}).
 *
 * @param zone       the city's time zone: days, hours and weeks of the series are local to it
 * @param batchRows  rows of a file written per transaction
 * @param maxBadRows a file with more invalid rows than this is refused whole (nothing is written)
 */
@Validated
@ConfigurationProperties("citygraph.indicators")
public record IndicatorProperties(@DefaultValue("Asia/Seoul") ZoneId zone,
                                  @DefaultValue("20000") @Min(100) @Max(1_000_000) int batchRows,
                                  @DefaultValue("1000") @Min(0) long maxBadRows) {
}
