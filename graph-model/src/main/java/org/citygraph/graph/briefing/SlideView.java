package org.citygraph.graph.briefing;

/** How a live data slide shows the rows its query returns. */
public enum SlideView {
    TABLE, BAR, LINE, KPI
}
