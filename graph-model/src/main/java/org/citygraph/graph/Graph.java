package org.citygraph.graph;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Result;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;

/**
 * The one door to Neo4j. Every read and write of the project goes through {@link #read} or
 * {@link #write}: driver transaction functions (retried on transient errors, routed to readers or
 * the leader in a cluster), with the driver's bookmark manager so that a read after a write sees it.
 * It also counts the statements it runs, so that tests can hold the API to a fixed number of
 * round trips per request.
 */
public final class Graph {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Graph.class);

    private final Driver driver;
    private final SessionConfig readConfig;
    private final SessionConfig writeConfig;
    private static final int READ_ATTEMPTS = 5;

    private final LongAdder statements = new LongAdder();

    public Graph(Driver driver, String database) {
        this.driver = Objects.requireNonNull(driver, "driver");
        var builder = SessionConfig.builder().withBookmarkManager(driver.executableQueryBookmarkManager());
        if (database != null && !database.isBlank()) {
            builder.withDatabase(database);
        }
        this.readConfig = builder.withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build();
        this.writeConfig = builder.withDefaultAccessMode(org.neo4j.driver.AccessMode.WRITE).build();
    }

    /** Runs {@code work} in a read transaction. The work may be retried: it must have no side effect outside the graph. */
    public <T> T read(Function<Tx, T> work) {
        try (var session = driver.session(readConfig)) {
            return session.executeRead(tx -> work.apply(new Tx(tx)));
        }
    }

    /**
     * Runs one read statement as an auto-commit transaction and maps its result, which {@code mapper}
     * must read to the end. One round trip (RUN and PULL pipelined) where a transaction function costs
     * three (BEGIN, RUN and PULL, COMMIT): for the reads that are one statement anyway (a request's
     * nodes by id, a relationship for many parents, a page without its total) that is most of what
     * the driver and Bolt cost per request. Retried on transient failures, as transaction functions are.
     */
    public <T> T readOne(String cypher, Map<String, Object> parameters, Function<Result, T> mapper) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            statements.increment();
            if (LOG.isTraceEnabled()) {
                LOG.trace("Cypher: {}", cypher.replaceAll("\\s+", " "));
            }
            try (var session = driver.session(readConfig)) {
                return mapper.apply(session.run(cypher, parameters));
            } catch (RuntimeException e) {
                if (!(e instanceof org.neo4j.driver.exceptions.RetryableException)) {
                    throw e;
                }
                failure = e;
                try {
                    Thread.sleep(50L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw failure;
    }

    /** Runs {@code work} in a write transaction, committed when it returns, rolled back when it throws. */
    public <T> T write(Function<Tx, T> work) {
        try (var session = driver.session(writeConfig)) {
            return session.executeWrite(tx -> work.apply(new Tx(tx)));
        }
    }

    /** Statements run since start; tests compare two readings. */
    public long statementCount() {
        return statements.sum();
    }

    public Driver driver() {
        return driver;
    }

    /** A transaction in progress: runs Cypher with parameters only, and counts it. */
    public final class Tx {
        private final TransactionContext tx;

        private Tx(TransactionContext tx) {
            this.tx = tx;
        }

        public Result run(String cypher, Map<String, Object> parameters) {
            statements.increment();
            if (LOG.isTraceEnabled()) {
                LOG.trace("Cypher: {}", cypher.replaceAll("\\s+", " "));
            }
            return tx.run(cypher, parameters);
        }

        public Result run(String cypher) {
            return run(cypher, Map.of());
        }
    }
}
