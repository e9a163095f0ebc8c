package org.citygraph.api.graphql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.citygraph.graph.Viewer;
import org.springframework.stereotype.Component;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;

/**
 * Refuses abusive requests before they cost anything: document size before parsing; depth and
 * aliases before validation (whose rules are costly on hostile documents); estimated complexity
 * before execution. Limits depend on the viewer's role. Every refusal carries a stable code:
 * DOCUMENT_TOO_LARGE, QUERY_TOO_DEEP, TOO_MANY_ALIASES, QUERY_TOO_COMPLEX.
 */
@Component
public class QueryLimits extends SimplePerformantInstrumentation {

    /** Connection page size assumed when a query leaves it to the default. */
    static final int DEFAULT_PAGE = 20;
    /** Size assumed for plain lists (a district's children, an issue's agencies). */
    static final int LIST_ESTIMATE = 5;

    private final QueryLimitsProperties properties;
    /** Complexity by document and variables: the same request sent again is not traversed again. */
    private final com.github.benmanes.caffeine.cache.Cache<java.util.List<Object>, Integer> complexities =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();

    /** Whether anonymous callers may introspect the schema; by default only in demo mode (a machine to try the hub on). */
    private final boolean anonymousIntrospection;

    public QueryLimits(QueryLimitsProperties properties,
                       @org.springframework.beans.factory.annotation.Value("${citygraph.graphql.anonymous-introspection:${citygraph.demo.enabled:true}}")
                       boolean anonymousIntrospection) {
        this.properties = properties;
        this.anonymousIntrospection = anonymousIntrospection;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                           InstrumentationState state) {
        var query = parameters.getQuery();
        if (query != null && query.length() > properties.maxDocumentChars()) {
            throw new QueryRejected("DOCUMENT_TOO_LARGE", "The query is " + query.length()
                    + " characters long; the limit is " + properties.maxDocumentChars() + ".");
        }
        return super.beginExecution(parameters, state);
    }

    @Override
    public InstrumentationContext<java.util.List<graphql.validation.ValidationError>> beginValidation(
            InstrumentationValidationParameters parameters, InstrumentationState state) {
        var limits = limits(parameters.getGraphQLContext());
        var document = parameters.getDocument();
        var fragments = new HashMap<String, FragmentDefinition>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        int aliases = 0;
        int depth = 0;
        Viewer viewer = parameters.getGraphQLContext() == null ? null : parameters.getGraphQLContext().get(ViewerInterceptor.VIEWER);
        boolean anonymous = viewer == null || viewer.role() == Viewer.Role.PUBLIC;
        for (var operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (anonymous && !anonymousIntrospection && introspects(operation.getSelectionSet(), fragments)) {
                throw new QueryRejected("INTROSPECTION_DISABLED", "Introspection is for logged-in callers; the schema is in the "
                        + "project's api/src/main/resources/graphql folder.");
            }
            var walk = new Walk(fragments);
            walk.visit(operation.getSelectionSet(), 0, new HashSet<>());
            aliases += walk.aliases;
            depth = Math.max(depth, walk.depth);
        }
        if (aliases > limits.maxAliases()) {
            throw new QueryRejected("TOO_MANY_ALIASES", "The query uses " + aliases + " aliases; the limit is "
                    + limits.maxAliases() + ".");
        }
        if (depth > limits.maxDepth()) {
            throw new QueryRejected("QUERY_TOO_DEEP", "The query nests " + depth + " levels deep; the limit is "
                    + limits.maxDepth() + ".");
        }
        return super.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var context = parameters.getExecutionContext();
        var limits = limits(context.getGraphQLContext());
        var key = java.util.List.<Object>of(parameters.getExecutionContext().getExecutionInput().getQuery(),
                String.valueOf(context.getOperationDefinition().getName()), context.getCoercedVariables().toMap());
        int complexity = complexities.get(key, k -> complexity(context.getGraphQLSchema(), context.getDocument(),
                context.getOperationDefinition(), context.getCoercedVariables()));
        if (complexity > limits.maxComplexity()) {
            throw new QueryRejected("QUERY_TOO_COMPLEX", "The query's estimated cost is " + complexity
                    + "; the limit is " + limits.maxComplexity() + ". Ask for smaller pages or fewer fields.");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private QueryLimitsProperties.Limits limits(graphql.GraphQLContext context) {
        Viewer viewer = context == null ? null : context.get(ViewerInterceptor.VIEWER);
        return properties.forRole(viewer == null ? Viewer.Role.PUBLIC : viewer.role());
    }

    /** Each field costs one; what a connection or list holds is multiplied by its (estimated) size. */
    static int complexity(graphql.schema.GraphQLSchema schema, Document document, OperationDefinition operation,
                          CoercedVariables variables) {
        var costs = new HashMap<QueryVisitorFieldEnvironment, Long>();
        var root = new long[1];
        QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operation.getName())
                .coercedVariables(variables).build()
                .visitPostOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        if (env.isTypeNameIntrospectionField()) {
                            return;
                        }
                        long children = costs.getOrDefault(env, 0L);
                        long cost = 1 + children * multiplier(env);
                        if (env.getParentEnvironment() == null) {
                            root[0] += cost;
                        } else {
                            costs.merge(env.getParentEnvironment(), cost, Long::sum);
                        }
                    }
                });
        return (int) Math.min(Integer.MAX_VALUE, root[0]);
    }

    /**
     * How many times a field's selection is repeated: a connection's {@code edges} and {@code nodes}
     * by the connection's page size, other lists by an estimate, anything else once.
     */
    private static long multiplier(QueryVisitorFieldEnvironment env) {
        var type = GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType());
        var parent = env.getParentEnvironment();
        if (parent != null && (env.getField().getName().equals("nodes") || env.getField().getName().equals("edges"))
                && GraphQLTypeUtil.unwrapAll(parent.getFieldDefinition().getType()).getName().endsWith("Connection")) {
            Map<String, Object> args = parent.getArguments();
            Object size = args.get("first") != null ? args.get("first") : args.get("last");
            return size instanceof Number n ? Math.max(1, n.longValue()) : DEFAULT_PAGE;
        }
        if (type instanceof GraphQLList) {
            Object ids = env.getArguments().get("ids");
            return ids instanceof java.util.Collection<?> c ? Math.max(1, c.size()) : LIST_ESTIMATE;
        }
        return 1;
    }

    /** Counts aliases and the deepest field nesting, following fragments once per path. */
    /** Whether a selection asks for __schema or __type (not __typename), directly or through fragments. */
    private static boolean introspects(SelectionSet set, Map<String, FragmentDefinition> fragments) {
        for (var selection : set.getSelections()) {
            if (selection instanceof Field field && (field.getName().equals("__schema") || field.getName().equals("__type"))) {
                return true;
            }
            if (selection instanceof InlineFragment inline && introspects(inline.getSelectionSet(), fragments)) {
                return true;
            }
            if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                    && introspects(fragments.get(spread.getName()).getSelectionSet(), Map.of())) {
                return true;
            }
        }
        return false;
    }

    private static final class Walk {
        /** Fragments that spread fragments can multiply a small document into a huge one. */
        private static final int MAX_VISITS = 100_000;
        private final Map<String, FragmentDefinition> fragments;
        int aliases;
        int depth;
        int visits;

        Walk(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        void visit(SelectionSet set, int level, Set<String> path) {
            if (set == null) {
                return;
            }
            for (var selection : set.getSelections()) {
                if (++visits > MAX_VISITS) {
                    throw new QueryRejected("QUERY_TOO_COMPLEX", "The query expands to more than " + MAX_VISITS + " selections.");
                }
                if (selection instanceof Field field) {
                    if (field.getAlias() != null) {
                        aliases++;
                    }
                    depth = Math.max(depth, level + 1);
                    visit(field.getSelectionSet(), level + 1, path);
                } else if (selection instanceof InlineFragment inline) {
                    visit(inline.getSelectionSet(), level, path);
                } else if (selection instanceof FragmentSpread spread) {
                    var fragment = fragments.get(spread.getName());
                    if (fragment != null && path.add(spread.getName())) {
                        visit(fragment.getSelectionSet(), level, path);
                        path.remove(spread.getName());
                    }
                }
            }
        }
    }
}
