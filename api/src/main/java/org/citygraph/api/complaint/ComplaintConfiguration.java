package org.citygraph.api.complaint;

import org.citygraph.graph.Graph;
import org.citygraph.graph.complaint.ComplaintStats;
import org.citygraph.graph.complaint.Complaints;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.opinion.Comments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The graph model's complaint and opinion stores. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComplaintProperties.class)
class ComplaintConfiguration {

    @Bean
    Complaints complaints(Graph graph, Issues issues) {
        return new Complaints(graph, issues);
    }

    @Bean
    ComplaintStats complaintStats(Graph graph) {
        return new ComplaintStats(graph);
    }

    @Bean
    Comments comments(Graph graph) {
        return new Comments(graph);
    }
}
