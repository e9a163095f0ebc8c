package org.citygraph.api.graphql;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.citygraph.api.event.EventBus;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.Written;
import org.springframework.stereotype.Component;

/**
 * Runs a mutation's write: on success publishes its committed events and builds the payload; when
 * the graph model refuses the input, builds the payload with the field errors (nothing was written,
 * nothing is published).
 */
@Component
public class Writes {

    private final EventBus bus;

    public Writes(EventBus bus) {
        this.bus = bus;
    }

    public <T, P> P run(Supplier<Written<T>> write, Function<T, P> succeeded, Function<List<UserError>, P> refused) {
        Written<T> written;
        try {
            written = write.get();
        } catch (InvalidInputException e) {
            return refused.apply(UserError.of(e));
        }
        bus.publish(written.events());
        return succeeded.apply(written.value());
    }
}
