package org.citygraph.api.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.citygraph.api.websocket.SerializedPayload;
import org.citygraph.api.websocket.WebSocketSessions;
import org.citygraph.graph.Viewer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Field;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * One GraphQL execution for every subscriber who asked the same thing: the same document,
 * operation and variables, by the same viewer, for the live stream only (no {@code after}). Ten
 * thousand wall screens on {@code issueChanged} cost one execution and one JSON serialization per
 * event instead of ten thousand; each subscriber only wraps the shared bytes in its own message.
 * This is what Hasura calls multiplexing.
 * <p>
 * Only the event streams whose results depend on nothing but the viewer and the arguments are
 * shared. A subscription that resumes ({@code after}) runs on its own: its replay is its own.
 * Sharing is exact: the key holds the whole {@link Viewer}, so no one ever receives what another
 * kind of viewer may see, and the first subscriber's execution ran every check the later ones
 * would have run.
 */
@Component
public class SharedSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSubscriptions.class);
    /** The event streams whose results are a function of the arguments and the viewer alone. */
    private static final Set<String> SHAREABLE = Set.of(
            "issueChanged", "newsPublished", "datasetUpdated", "indicatorUpdated", "complaintReceived");
    /** Results taken ahead of the slowest subscriber's send queue; sends never block, so it rarely fills. */
    private static final int PREFETCH = 256;
    /**
     * The threads that hand each result to its subscribers, one per core: ten thousand sends take a
     * core for a fifth of a second, so one thread would make the last subscriber wait for all the
     * others. Sends never block ({@code QueuedSendSession}), so a lane is never held by one client.
     */
    private static final int CORES = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Scheduler FAN_OUT = Schedulers.newParallel("subscription-fan-out", CORES, true);
    /** Subscribers that join a lane before the next one opens: an execution for one viewer keeps one lane. */
    private static final int LANE_SIZE = 256;

    private record Key(String document, String operationName, Map<String, Object> variables, Viewer viewer) {
    }

    /** What a document's subscription looks like: the root field's {@code after} argument, if any. */
    private record Shape(boolean shareable, Object after) {
        static final Shape NOT_SHAREABLE = new Shape(false, null);
    }

    private final WebSocketSessions sessions;
    private final Map<Key, Shared> running = new ConcurrentHashMap<>();
    private final Cache<String, Shape> shapes = Caffeine.newBuilder().maximumSize(1_000).build();
    private final JsonMapper json = JsonMapper.shared();
    private final int lanes;
    private final int laneSize;

    @Autowired
    public SharedSubscriptions(WebSocketSessions sessions) {
        this(sessions, CORES, LANE_SIZE);
    }

    /** At most {@code lanes} lanes per execution, each opened when the ones before hold {@code laneSize} subscribers. */
    SharedSubscriptions(WebSocketSessions sessions, int lanes, int laneSize) {
        this.sessions = sessions;
        this.lanes = lanes;
        this.laneSize = laneSize;
    }

    /** Whether this request is a live subscription that may share its execution with others. */
    public boolean shareable(WebGraphQlRequest request) {
        var shape = shapes.get(request.getDocument() + "\u0000" + Objects.toString(request.getOperationName(), ""),
                k -> shape(request.getDocument(), request.getOperationName()));
        if (!shape.shareable()) {
            return false;
        }
        if (shape.after() == null || shape.after() instanceof NullValue) {
            return true;
        }
        return shape.after() instanceof VariableReference variable && request.getVariables().get(variable.getName()) == null;
    }

    /** Distinct executions running now, for logs and tests. */
    public int executions() {
        return running.size();
    }

    /**
     * The response for one subscriber: a view of a running execution with the same key, or a new
     * execution ({@code execute}) that later subscribers can join. A response without a stream
     * (a validation error, a refusal) is returned as it is and shared with no one.
     */
    public Mono<WebGraphQlResponse> subscribe(WebGraphQlRequest request, Viewer viewer, String sessionId,
                                              Supplier<Mono<WebGraphQlResponse>> execute) {
        var key = new Key(request.getDocument(), request.getOperationName(), Map.copyOf(withoutNulls(request.getVariables())), viewer);
        var joined = join(key, sessionId);
        if (joined != null) {
            return Mono.just(joined);
        }
        return execute.get().map(response -> {
            if (!(response.getExecutionResult().getData() instanceof Publisher<?> publisher)) {
                return response;
            }
            var fresh = new Shared(key, response, publisher);
            // Counted before others can join: one who joins and leaves at once cannot end it before it starts.
            var mine = fresh.view(sessionId);
            var existing = running.putIfAbsent(key, fresh);
            if (existing != null) {
                // Another subscriber started the same meanwhile: join it; ours was never subscribed, so never ran.
                var view = existing.view(sessionId);
                if (view != null) {
                    return view;
                }
                running.put(key, fresh);
            }
            fresh.start();
            return mine;
        });
    }

    private WebGraphQlResponse join(Key key, String sessionId) {
        var shared = running.get(key);
        return shared == null ? null : shared.view(sessionId);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> variables) {
        var result = new LinkedHashMap<String, Object>();
        variables.forEach((name, value) -> {
            if (value != null) {
                result.put(name, value);
            }
        });
        return result;
    }

    private static Shape shape(String document, String operationName) {
        try {
            var parsed = Parser.parse(document);
            var operations = parsed.getDefinitionsOfType(OperationDefinition.class);
            var operation = operations.stream()
                    .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                    .findFirst();
            if (operation.isEmpty() || operation.get().getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
                return Shape.NOT_SHAREABLE;
            }
            var selections = operation.get().getSelectionSet().getSelections();
            if (selections.size() != 1 || !(selections.get(0) instanceof Field field)
                    || !field.getDirectives().isEmpty() || !SHAREABLE.contains(field.getName())) {
                return Shape.NOT_SHAREABLE;
            }
            var after = field.getArguments().stream().filter(a -> a.getName().equals("after")).findFirst();
            return new Shape(true, after.map(a -> (Object) a.getValue()).orElse(null));
        } catch (RuntimeException e) {
            // Not valid GraphQL: the execution will say so, to this subscriber alone.
            return Shape.NOT_SHAREABLE;
        }
    }

    /** A result serialized once, for all the subscribers that receive it. */
    private static final class Serialized implements ExecutionResult {
        private final ExecutionResult result;
        private final SerializedPayload specification;

        Serialized(ExecutionResult result, JsonMapper json) {
            this.result = result;
            this.specification = new SerializedPayload(result.toSpecification(), json);
        }

        @Override
        public List<GraphQLError> getErrors() {
            return result.getErrors();
        }

        @Override
        public <T> T getData() {
            return result.getData();
        }

        @Override
        public boolean isDataPresent() {
            return result.isDataPresent();
        }

        @Override
        public Map<Object, Object> getExtensions() {
            return result.getExtensions();
        }

        @Override
        public Map<String, Object> toSpecification() {
            return specification;
        }
    }

    /**
     * One running execution and the subscribers that receive it. It runs while it has subscribers
     * (counted from the moment each is handed its view) and stops with the last one. Its results
     * reach the subscribers through lanes, each on a fan-out thread: one lane, and one more for
     * every {@code laneSize} subscribers that join, up to one per core. Every subscriber stays on
     * one lane, so it receives the results in order.
     */
    private final class Shared {
        private final Key key;
        private final WebGraphQlResponse first;
        private final ConnectableFlux<ExecutionResult> results;
        private final List<Flux<ExecutionResult>> open = new ArrayList<>();
        private int subscribers;
        private long joined;
        private boolean ended;
        private reactor.core.Disposable connection;

        Shared(Key key, WebGraphQlResponse first, Publisher<?> publisher) {
            this.key = key;
            this.first = first;
            this.results = Flux.from(publisher)
                    .map(result -> (ExecutionResult) new Serialized((ExecutionResult) result, json))
                    .doFinally(signal -> end())
                    .publish(PREFETCH);
        }

        synchronized void start() {
            if (ended) {
                return;
            }
            connection = results.connect();
            LOG.debug("Shared subscription started for {} ({} running)", key.viewer().role(), running.size());
        }

        /** The response for one more subscriber, or {@code null} once this execution has ended. */
        synchronized WebGraphQlResponse view(String sessionId) {
            if (ended) {
                return null;
            }
            subscribers++;
            Flux<ExecutionResult> view = lane((int) (joined++ / laneSize % lanes))
                    .doOnError(e -> {
                        if (sessionId != null && causedBy(e, EventStream.SlowSubscriber.class)) {
                            sessions.close(sessionId, WebSocketSessions.TOO_SLOW);
                        }
                    })
                    .doFinally(signal -> leave());
            return first.transform(builder -> builder.data(view));
        }

        private Flux<ExecutionResult> lane(int index) {
            if (index == open.size()) {
                var lane = results.publishOn(FAN_OUT, PREFETCH).publish(PREFETCH);
                // A lane whose subscribers all left would stop taking results and so hold up the
                // other lanes: each keeps one subscriber of its own that takes everything.
                lane.subscribe(result -> { }, error -> { });
                lane.connect();
                open.add(lane);
            }
            return open.get(index);
        }

        private synchronized void leave() {
            if (--subscribers == 0) {
                end();
                if (connection != null) {
                    connection.dispose();
                }
            }
        }

        private synchronized void end() {
            ended = true;
            running.remove(key, this);
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return Optional.ofNullable(error).stream()
                .flatMap(e -> java.util.stream.Stream.iterate(e, Objects::nonNull, Throwable::getCause))
                .limit(10)
                .anyMatch(type::isInstance);
    }
}
