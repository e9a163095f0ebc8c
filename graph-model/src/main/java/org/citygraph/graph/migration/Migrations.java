package org.citygraph.graph.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned Cypher scripts under {@code db/migration} in order, once each, and records
 * them as {@code :Migration} nodes with a checksum. Statements are idempotent ({@code IF NOT EXISTS},
 * {@code MERGE}), so two instances starting at once do no harm. A script that changed after it was
 * applied stops the start: the graph would no longer match the code.
 */
public final class Migrations {

    /** The scripts, in order. A new migration is a new file and a new line here; old ones never change. */
    static final List<String> SCRIPTS = List.of(
            "V001__schema.cypher",
            "V002__feeds.cypher",
            "V003__drop_unused_news_indexes.cypher",
            "V004__webhooks.cypher",
            "V005__audit.cypher",
            "V006__indicators.cypher",
            "V007__complaints.cypher",
            "V008__briefings.cypher",
            "V010__open_issue_counts.cypher");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private static final String APPLIED = """
            MATCH (m:Migration {version: $version})
            RETURN m.checksum AS checksum""";

    private static final String RECORD = """
            MERGE (m:Migration {version: $version})
            SET m.checksum = $checksum, m.appliedAt = datetime()""";

    private Migrations() {
    }

    public static void apply(Graph graph) {
        for (var script : SCRIPTS) {
            var text = read(script);
            var checksum = sha256(text);
            var version = script.substring(0, script.indexOf("__"));
            var applied = graph.read(tx -> tx.run(APPLIED, Map.of("version", version)).list(r -> r.get("checksum").asString()));
            if (!applied.isEmpty()) {
                if (!applied.get(0).equals(checksum)) {
                    throw new IllegalStateException("Migration " + script + " changed after it was applied to this graph. "
                            + "Migrations must never change: add a new one instead.");
                }
                continue;
            }
            var statements = statements(text);
            for (var statement : statements) {
                graph.write(tx -> tx.run(statement).consume());
            }
            graph.write(tx -> tx.run(RECORD, Map.of("version", version, "checksum", checksum)).consume());
            LOG.info("Applied migration {} ({} statements)", script, statements.size());
        }
        graph.read(tx -> tx.run("CALL db.awaitIndexes(300)").consume());
    }

    /** Splits a script into statements at semicolons that end a line; {@code //} lines are comments. */
    static List<String> statements(String script) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        for (var line : script.split("\n")) {
            var trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                var statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String script) {
        try (var in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration script " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
