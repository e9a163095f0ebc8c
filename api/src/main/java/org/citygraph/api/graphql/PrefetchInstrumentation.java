package org.citygraph.api.graphql;

import org.springframework.stereotype.Component;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Answers a field from what its root read ahead ({@link Prefetch}), when it did; otherwise the
 * field's own data fetcher runs. Plain property fields are not wrapped.
 */
@Component
public class PrefetchInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return dataFetcher;
        }
        return env -> {
            var source = env.getSource();
            if (source != null) {
                var related = Prefetch.related(env.getGraphQlContext(), source);
                if (related != null) {
                    var key = env.getField().getResultKey();
                    if (related.containsKey(key)) {
                        return related.get(key);
                    }
                }
            }
            return dataFetcher.get(env);
        };
    }
}
