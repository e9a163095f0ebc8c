package org.citygraph.api.admin;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.citygraph.api.graphql.Forbidden;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.graph.GraphNode;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;

/**
 * Records every mutation in the audit log, in one place: who, which mutation, on what, with which
 * input fields (names only: values such as passwords and secrets never reach the log), and how it
 * ended (OK, REFUSED when the input was refused, DENIED when the caller may not, ERROR). Entries
 * older than {@code citygraph.audit.retention} are pruned daily.
 */
@Component
class AuditTrail extends SimplePerformantInstrumentation {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /**
     * What people do inside a briefing's room: heartbeats every few seconds, WebRTC signals, hands,
     * chat and slide changes. Ephemeral, or recorded by the briefing itself (attendance, chat, slides
     * shown); an audit entry for each would flood the log and slow the room. Scheduling, invitations
     * and moderation are audited like every other mutation.
     */
    static final Set<String> UNAUDITED = Set.of("joinBriefing", "leaveBriefing", "briefingHeartbeat", "sendBriefingChat",
            "setBriefingHand", "showBriefingSlide", "sendBriefingSignal");

    private final AuditLog log;
    private final Duration retention;

    AuditTrail(AuditLog log, @Value("${citygraph.audit.retention:400d}") Duration retention) {
        this.log = log;
        this.retention = retention;
    }

    @Override
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        var env = parameters.getEnvironment();
        boolean mutation = env.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                && env.getExecutionStepInfo().getPath().getLevel() == 1;
        if (!mutation || UNAUDITED.contains(env.getField().getName())) {
            return SimpleInstrumentationContext.noOp();
        }
        Viewer viewer = env.getGraphQlContext().get(ViewerInterceptor.VIEWER);
        var action = env.getField().getName();
        var arguments = env.getArguments();
        var actor = viewer == null ? Viewer.ANONYMOUS : viewer;
        return SimpleInstrumentationContext.whenCompleted((value, error) -> {
            // Spring's controller fetchers may answer with a future; record once it is done
            if (error == null && value instanceof CompletionStage<?> stage) {
                stage.whenComplete((result, failure) -> record(actor, action, arguments, result, failure));
            } else {
                record(actor, action, arguments, value, error);
            }
        });
    }

    private void record(Viewer actor, String action, Map<String, Object> arguments, Object value, Throwable error) {
        try {
            var result = value instanceof DataFetcherResult<?> r ? r.getData() : value;
            var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            // exceptions handled by @GraphQlExceptionHandler come back as a result with errors
            var errors = value instanceof DataFetcherResult<?> r ? r.getErrors() : List.<GraphQLError>of();
            boolean denied = cause instanceof Forbidden || errors.stream().anyMatch(e -> e.getExtensions() != null
                    && List.of("FORBIDDEN", "UNAUTHENTICATED").contains(e.getExtensions().get("code")));
            var outcome = denied ? "DENIED" : cause != null || !errors.isEmpty() ? "ERROR" : refused(result) ? "REFUSED" : "OK";
            log.append(actor, action, outcome.equals("OK") ? subject(arguments, result) : subject(arguments, null), names(arguments),
                    outcome, null);
        } catch (RuntimeException e) {
            LOG.warn("Writing the audit entry of {} failed: {}", action, e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "P1D")
    void prune() {
        long deleted = log.prune(OffsetDateTime.now().minus(retention));
        if (deleted > 0) {
            LOG.info("Deleted {} audit entries older than {}", deleted, retention);
        }
    }

    /** The node acted on: an {@code id} argument, an {@code input.id}, or the node the payload returns. */
    private static String subject(Map<String, Object> arguments, Object result) {
        if (arguments.get("id") instanceof String id) {
            return id;
        }
        if (arguments.get("input") instanceof Map<?, ?> input && input.get("id") instanceof String id) {
            return id;
        }
        if (result instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                var value = read(component, record);
                if (value instanceof GraphNode node) {
                    return node.id();
                }
            }
        }
        return null;
    }

    /** Whether the payload lists refused input. */
    private static boolean refused(Object result) {
        if (result instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                if (read(component, record) instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof UserError) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Argument names, and the field names of input objects: what was changed, never to what. */
    private static List<String> names(Map<String, Object> arguments) {
        var names = new ArrayList<String>();
        arguments.forEach((name, value) -> {
            if (value instanceof Map<?, ?> input) {
                input.keySet().forEach(field -> names.add(name + "." + field));
            } else {
                names.add(name);
            }
        });
        return names;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true); // payload records are package-private in their controllers' packages
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
