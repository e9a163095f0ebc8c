package org.citygraph.api.indicator;

import java.util.List;
import java.util.Map;

/**
 * How the columns of a CSV file become observations. Given as JSON with an upload or on the command line:
 * <pre>{@code
 * {"values": {"floating-population": "유동인구수"},
 *  "district": {"column": "행정동코드", "by": "CODE"},
 *  "time": {"column": "기준일시"},                  // or {"dateColumn": "기준일자", "hourColumn": "시간대"}
 *  "dimensions": {"ageBand": "연령대", "sex": "성별"},
 *  "encoding": "AUTO", "delimiter": ","}
 * }</pre>
 *
 * @param values     metric code to the column holding its values; one file may carry several metrics
 * @param district   the district column, by official code (8 or 10 digits) or by name (Korean or English)
 * @param time       the time column(s), local to the city unless the text carries an offset
 * @param dimensions dimension name to column; must name exactly the metric's dimensions
 * @param encoding   UTF-8, CP949 (also EUC-KR), or AUTO (UTF-8 unless its bytes say otherwise)
 * @param delimiter  one character, default comma
 * @param maxBadRows refuse the whole file past this many invalid rows (default from configuration)
 */
public record ImportMapping(Map<String, String> values, DistrictColumn district, TimeColumns time,
                            Map<String, String> dimensions, String encoding, String delimiter, Long maxBadRows) {

    public enum DistrictBy { CODE, NAME }

    public record DistrictColumn(String column, DistrictBy by) {
    }

    /**
     * @param column     one column with date and time ({@code 2025-11-01 13:00}, {@code 2025110113}, ISO 8601, or a date)
     * @param format     a {@link java.time.format.DateTimeFormatter} pattern for {@code column} or {@code dateColumn}
     * @param dateColumn a date column, with {@code hourColumn} holding the hour (0-23)
     */
    public record TimeColumns(String column, String format, String dateColumn, String hourColumn) {
    }

    public Map<String, String> dimensionsOrEmpty() {
        return dimensions == null ? Map.of() : dimensions;
    }

    List<String> metricCodes() {
        return values == null ? List.of() : List.copyOf(values.keySet());
    }
}
