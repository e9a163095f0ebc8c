package org.citygraph.graph.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MigrationsTest {

    /** A script that is written but not listed is silently never applied. */
    @Test
    void everyScriptInTheMigrationFolderIsListedInOrder() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            var onDisk = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cypher")).sorted().toList();
            assertThat(onDisk).isNotEmpty();
            assertThat(Migrations.SCRIPTS).containsExactlyElementsOf(onDisk);
        }
    }

    @Test
    void statementsAreSplitAtSemicolonsThatEndALineAndCommentsAreSkipped() {
        var statements = Migrations.statements("""
                // a comment
                CREATE INDEX a IF NOT EXISTS
                  FOR (n:A) ON (n.x);

                MATCH (n) WHERE n.text = 'a;b' RETURN n;
                """);
        assertThat(statements).containsExactly("CREATE INDEX a IF NOT EXISTS\n  FOR (n:A) ON (n.x)",
                "MATCH (n) WHERE n.text = 'a;b' RETURN n");
    }
}
