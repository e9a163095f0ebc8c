package org.citygraph.graph.indicator;

/**
 * How the values inside one bucket become one number. Dimensions that are not grouped are summed
 * first (the people of every age band in a district in one hour are that district's people in that
 * hour); the aggregate then runs over the (district, time slot) cells of the bucket.
 */
public enum Aggregate {
    SUM, AVG, MIN, MAX
}
