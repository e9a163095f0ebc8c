package org.citygraph.graph.district;

/** The tiers of Korean local administration that the hub knows: a city and its eup, myeon and dong. */
public enum DistrictLevel { CITY, EUP, MYEON, DONG }
