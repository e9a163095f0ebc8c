package org.citygraph.api.demo;

import org.citygraph.graph.Graph;
import org.citygraph.graph.demo.DemoCity;
import org.citygraph.graph.demo.LargeGraph;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Loads the demo city into an empty graph before the server accepts requests, so that the first
 * query on a fresh machine already finds Nonsan.
 */
@Component
class DemoLoader implements InitializingBean {

    private final Graph graph;
    private final DemoProperties properties;

    DemoLoader(Graph graph, DemoProperties properties) {
        this.graph = graph;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.enabled()) {
            DemoCity.loadIfEmpty(graph);
            if (properties.largeIssues() > 0) {
                LargeGraph.generateOnce(graph, properties.largeIssues(), properties.seed());
            }
        }
    }
}
