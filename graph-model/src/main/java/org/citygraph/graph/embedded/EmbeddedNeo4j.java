package org.citygraph.graph.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Neo4j server inside this JVM, for the single-machine default. It listens for Bolt on loopback
 * only, with authentication on; the application talks to it through the Java driver like to any
 * other server, so nothing else in the code knows it is embedded.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** The file in the data directory that keeps the generated Bolt password, readable by its owner only. */
    public static final String PASSWORD_FILE = "bolt-password";
    public static final String USER = "neo4j";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService service;
    private final String boltUri;
    private final String password;
    private final Path home;

    private EmbeddedNeo4j(DatabaseManagementService service, String boltUri, String password, Path home) {
        this.service = service;
        this.boltUri = boltUri;
        this.password = password;
        this.home = home;
    }

    /**
     * Starts Neo4j on {@code home} (created when missing).
     *
     * @param port           the Bolt port on 127.0.0.1; 0 picks a free one
     * @param password       the Bolt password; {@code null} uses the one kept in the data directory, or makes one
     * @param pageCacheBytes the page cache size
     */
    public static EmbeddedNeo4j start(Path home, int port, String password, long pageCacheBytes) {
        var dir = home.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the Neo4j data directory " + dir + ": " + e.getMessage(), e);
        }
        var started = System.nanoTime();
        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(dir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (RuntimeException e) {
            if (isLockFailure(e)) {
                throw new IllegalStateException("The Neo4j data directory " + dir + " is in use by another process "
                        + "(probably another CityGraph). Stop that one, or give this one its own directory with "
                        + "citygraph.graph.data-dir.", e);
            }
            throw e;
        }
        try {
            var api = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            var address = api.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            var secret = password != null ? applyPassword(service, password) : storedOrNewPassword(service, dir);
            var uri = "bolt://" + address.getHost() + ":" + address.getPort();
            LOG.info("Embedded Neo4j started in {} ms on {} with data in {}", (System.nanoTime() - started) / 1_000_000, uri, dir);
            return new EmbeddedNeo4j(service, uri, secret, dir);
        } catch (RuntimeException e) {
            service.shutdown();
            throw e;
        }
    }

    public String boltUri() {
        return boltUri;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        var started = System.nanoTime();
        service.shutdown();
        LOG.info("Embedded Neo4j stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static String storedOrNewPassword(DatabaseManagementService service, Path dir) {
        var file = dir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            var bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            var password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            applyPassword(service, password);
            Files.writeString(file, password);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Cannot restrict the permissions of {} on this file system", file);
            }
            LOG.info("Generated a Bolt password for the embedded Neo4j; it is kept in {}", file);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static String applyPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; that is the state we want.
            if (!String.valueOf(e.getMessage()).contains("same")) {
                throw e;
            }
        }
        return password;
    }

    private static boolean isLockFailure(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            var name = cause.getClass().getSimpleName();
            var message = String.valueOf(cause.getMessage());
            if (name.equals("FileLockException") || message.contains("store_lock") || message.contains("database_lock")
                    || message.contains("Lock file has been locked")) {
                return true;
            }
        }
        return false;
    }
}
