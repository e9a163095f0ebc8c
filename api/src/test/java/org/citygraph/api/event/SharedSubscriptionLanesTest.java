package org.citygraph.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citygraph.api.support.Eventually.waitFor;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.citygraph.api.websocket.WebSocketSessions;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The fan-out of one shared execution over several lanes (threads), driven with a stream of results
 * this test controls: every subscriber gets every result in order, whichever lane it is on, and
 * subscribers leaving (a whole lane emptied) hold up no one, for many more results than the lanes
 * buffer.
 */
class SharedSubscriptionLanesTest {

    private static final String DOCUMENT = "subscription { issueChanged { seq } }";
    private static final int RESULTS = 2_000;

    private final Sinks.Many<ExecutionResult> source = Sinks.many().multicast().onBackpressureBuffer(RESULTS + 10);
    /** Two lanes of three: subscribers 0-2 on the first, 3-5 on the second, whatever the machine's cores. */
    private final SharedSubscriptions shared = new SharedSubscriptions(new WebSocketSessions(), 2, 3);

    @Test
    void everySubscriberGetsEveryResultInOrderAfterOthersLeft() throws InterruptedException {
        int subscribers = 6;
        var received = new ArrayList<List<Integer>>();
        var subscriptions = new ArrayList<Disposable>();
        for (int i = 0; i < subscribers; i++) {
            var mine = new CopyOnWriteArrayList<Integer>();
            received.add(mine);
            subscriptions.add(view("session-" + i).subscribe(result -> mine.add(result.<Map<String, Integer>>getData().get("n"))));
        }
        assertThat(shared.executions()).as("one execution for all of them").isEqualTo(1);
        emit(0, 10);
        // The first lane's subscribers leave, and it empties.
        for (int i = 0; i < 3; i++) {
            subscriptions.get(i).dispose();
        }
        emit(10, RESULTS);

        var expected = IntStream.range(0, RESULTS).boxed().toList();
        for (int i = 3; i < subscribers; i++) {
            var mine = received.get(i);
            waitFor(() -> mine.size() >= RESULTS);
            assertThat(mine).as("subscriber %d", i).isEqualTo(expected);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(received.get(i)).as("subscriber %d, who left", i).hasSizeLessThan(RESULTS);
        }
        subscriptions.forEach(Disposable::dispose);
        waitFor(() -> shared.executions() == 0);
    }

    private Flux<ExecutionResult> view(String sessionId) {
        var request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(),
                new LinkedMultiValueMap<>(), Map.of(), Map.of("query", DOCUMENT), sessionId, Locale.ROOT);
        var response = shared.subscribe(request, Viewer.ANONYMOUS, sessionId, () -> Mono.just(new WebGraphQlResponse(
                new DefaultExecutionGraphQlResponse(ExecutionInput.newExecutionInput(DOCUMENT).build(),
                        ExecutionResultImpl.newExecutionResult().data(source.asFlux()).build()))));
        return Flux.from(response.block(Duration.ofSeconds(5)).<Publisher<ExecutionResult>>getData());
    }

    private void emit(int from, int to) {
        for (int n = from; n < to; n++) {
            var result = ExecutionResultImpl.newExecutionResult().data(Map.of("n", n)).build();
            assertThat(source.tryEmitNext(result).isSuccess()).isTrue();
        }
    }
}
