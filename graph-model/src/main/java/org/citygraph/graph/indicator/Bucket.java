package org.citygraph.graph.indicator;

/** The width of one point of a time series; {@code PERIOD} is the whole requested range as one point. */
public enum Bucket {
    HOUR, DAY, WEEK, MONTH, PERIOD
}
