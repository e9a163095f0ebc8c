package org.citygraph.api.graph;

import java.util.concurrent.TimeUnit;

import org.citygraph.graph.Graph;
import org.citygraph.graph.agency.Agencies;
import org.citygraph.graph.audit.AuditLog;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.district.Districts;
import org.citygraph.graph.embedded.EmbeddedNeo4j;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.migration.Migrations;
import org.citygraph.graph.news.NewsItems;
import org.citygraph.graph.read.Reads;
import org.citygraph.graph.search.Search;
import org.citygraph.graph.webhook.Webhooks;
import org.citygraph.graph.briefing.Briefings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The graph's beans: the embedded server when no URI is configured, the driver, the migrated
 * {@link Graph}, and the graph model's repositories.
 */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GraphConfiguration.class);

    /** Started only for the embedded default; a configured URI means someone else runs Neo4j. */
    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedCondition.class)
    EmbeddedNeo4j embeddedNeo4j(GraphProperties properties) {
        return EmbeddedNeo4j.start(properties.dataDir(), properties.boltPort(), properties.password(),
                properties.pageCache().toBytes());
    }

    @Bean(destroyMethod = "close")
    Driver neo4jDriver(GraphProperties properties, ObjectProvider<EmbeddedNeo4j> embedded) {
        var config = Config.builder()
                .withMaxConnectionPoolSize(properties.maxConnections())
                .withConnectionTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withUserAgent("CityGraph")
                .build();
        var server = embedded.getIfAvailable();
        Driver driver;
        if (server != null) {
            driver = GraphDatabase.driver(server.boltUri(), AuthTokens.basic(server.user(), server.password()), config);
        } else {
            driver = GraphDatabase.driver(properties.uri(), AuthTokens.basic(properties.username(),
                    properties.password() == null ? "" : properties.password()), config);
            LOG.info("Using the Neo4j server at {}", properties.uri());
        }
        driver.verifyConnectivity();
        return driver;
    }

    /** The one door to the graph; the schema is migrated before anything can use it. */
    @Bean
    Graph graph(Driver driver, GraphProperties properties) {
        var graph = new Graph(driver, properties.database());
        Migrations.apply(graph);
        return graph;
    }

    /** Reads of any shape in one statement: nodes, relationships for many parents, root lists. */
    @Bean
    Reads reads(Graph graph) {
        return new Reads(graph);
    }

    @Bean
    Districts districts(Graph graph) {
        return new Districts(graph);
    }

    @Bean
    Agencies agencies(Graph graph) {
        return new Agencies(graph);
    }

    @Bean
    Issues issues(Graph graph) {
        return new Issues(graph);
    }

    @Bean
    NewsItems newsItems(Graph graph) {
        return new NewsItems(graph);
    }

    @Bean
    Datasets datasets(Graph graph) {
        return new Datasets(graph);
    }

    @Bean
    AuditLog auditLog(Graph graph) {
        return new AuditLog(graph);
    }

    @Bean
    Webhooks webhooks(Graph graph) {
        return new Webhooks(graph);
    }

    @Bean
    Briefings briefings(Graph graph) {
        return new Briefings(graph);
    }

    @Bean
    Search search(Graph graph) {
        return new Search(graph);
    }

    /** True when {@code citygraph.graph.uri} is not set: the hub runs its own Neo4j. */
    static class EmbeddedCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var uri = context.getEnvironment().getProperty("citygraph.graph.uri");
            return uri == null || uri.isBlank();
        }
    }
}
