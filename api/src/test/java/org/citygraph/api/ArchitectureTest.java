package org.citygraph.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Modules depend in one direction: api on graph-model, never the other way; graph-model knows no Spring or GraphQL. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.citygraph");

    @Test
    void theGraphModelKnowsNothingOfTheWebOrSpring() {
        noClasses().that().resideInAPackage("org.citygraph.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "graphql..", "jakarta.servlet..",
                        "org.citygraph.api..")
                .check(CLASSES);
    }

    @Test
    void cypherIsRunOnlyByTheGraphModel() {
        noClasses().that().resideInAPackage("org.citygraph.api..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.neo4j.driver.Session")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.neo4j.driver.TransactionContext")
                .check(CLASSES);
    }
}
