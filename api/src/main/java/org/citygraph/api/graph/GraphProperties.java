package org.citygraph.api.graph;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Where the graph lives ({@code citygraph.graph.*}). Without a URI the hub starts Neo4j in-process
 * on {@code dataDir}; with one ({@code bolt://}, {@code neo4j://}, {@code neo4j+s://}) it uses that
 * server or cluster and starts nothing.
 *
 * @param uri            a Neo4j server or cluster; empty for the embedded default
 * @param username       for a server given by URI
 * @param password       for a server given by URI; for the embedded server, overrides the generated one
 * @param database       the database name; empty for the server's default
 * @param dataDir        the embedded server's data directory
 * @param boltPort       the embedded server's Bolt port on 127.0.0.1; 0 picks a free one
 * @param pageCache      the embedded server's page cache
 * @param maxConnections the driver's connection pool size
 * @param connectTimeout how long the driver waits for a connection
 */
@Validated
@ConfigurationProperties("citygraph.graph")
public record GraphProperties(
        URI uri,
        @DefaultValue("neo4j") String username,
        String password,
        String database,
        @NotNull @DefaultValue("data/neo4j") Path dataDir,
        @Min(0) @Max(65535) @DefaultValue("0") int boltPort,
        @NotNull @DefaultValue("64MB") DataSize pageCache,
        @Min(1) @DefaultValue("64") int maxConnections,
        @NotNull @DefaultValue("10s") Duration connectTimeout) {

    public boolean embedded() {
        return uri == null || uri.toString().isBlank();
    }
}
