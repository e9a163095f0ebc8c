package org.citygraph.graph;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.neo4j.driver.Value;

/** Small conversions from driver values to Java values that tolerate missing properties. */
public final class Values {

    private Values() {
    }

    public static String string(Value value) {
        return value == null || value.isNull() ? null : value.asString();
    }

    public static Integer integer(Value value) {
        return value == null || value.isNull() ? null : value.asInt();
    }

    public static Long longValue(Value value) {
        return value == null || value.isNull() ? null : value.asLong();
    }

    public static Double decimal(Value value) {
        return value == null || value.isNull() ? null : value.asDouble();
    }

    public static OffsetDateTime time(Value value) {
        return value == null || value.isNull() ? null : value.asOffsetDateTime();
    }

    public static LocalDate date(Value value) {
        return value == null || value.isNull() ? null : value.asLocalDate();
    }

    public static List<String> strings(Value value) {
        return value == null || value.isNull() ? List.of() : value.asList(Value::asString);
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, Value value) {
        return value == null || value.isNull() ? null : Enum.valueOf(type, value.asString());
    }
}
