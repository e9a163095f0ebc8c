package org.citygraph.api.indicator;

import org.citygraph.graph.Graph;
import org.citygraph.graph.indicator.Indicators;
import org.citygraph.graph.indicator.ObservationWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The graph model's indicator reads and observation writes as beans. */
@Configuration(proxyBeanMethods = false)
class IndicatorConfiguration {

    @Bean
    Indicators indicators(Graph graph, IndicatorProperties properties) {
        return new Indicators(graph, properties.zone());
    }

    @Bean
    ObservationWrites observationWrites(Graph graph) {
        return new ObservationWrites(graph);
    }
}
