package org.citygraph.api.graphql;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.scalars.ExtendedScalars;

/** Scalars and the parse cache of the GraphQL engine. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring
                .scalar(ExtendedScalars.DateTime)
                .scalar(ExtendedScalars.Date)
                .scalar(graphql.schema.GraphQLScalarType.newScalar(ExtendedScalars.Url).name("URL").build())
                .scalar(ExtendedScalars.Json)
                .scalar(ExtendedScalars.GraphQLLong);
    }

    /**
     * Caches parsed and validated documents by role and text, so that the same query sent again
     * skips parsing and validation. The role is part of the key because {@link QueryLimits} checks
     * depth and aliases per role during validation. Bounded, so that random documents cannot grow
     * it without end.
     */
    @Bean
    GraphQlSourceBuilderCustomizer documentCache() {
        var cache = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<String, PreparsedDocumentEntry>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > 1000;
            }
        });
        PreparsedDocumentProvider provider = (input, parseAndValidate) -> {
            org.citygraph.graph.Viewer viewer = input.getGraphQLContext().get(ViewerInterceptor.VIEWER);
            var key = (viewer == null ? "PUBLIC" : viewer.role().name()) + "\n" + input.getQuery();
            var hit = cache.get(key);
            if (hit != null) {
                return java.util.concurrent.CompletableFuture.completedFuture(hit);
            }
            var entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                cache.put(key, entry);
            }
            return java.util.concurrent.CompletableFuture.completedFuture(entry);
        };
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
    }
}
