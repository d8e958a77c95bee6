package io.cicada.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is plain Java and its package arrows point one way: connection → session → routing → message. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cicada.broker");

    @Test
    void coreDoesNotUseNetty() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty..")
                .check(CORE);
    }

    @Test
    void sessionDoesNotDependOnConnection() {
        noClasses()
                .that()
                .resideInAPackage("..broker.session..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..broker.connection..")
                .check(CORE);
    }

    @Test
    void routingDependsOnNeitherSessionNorConnection() {
        noClasses()
                .that()
                .resideInAPackage("..broker.routing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..broker.session..", "..broker.connection..")
                .check(CORE);
    }

    @Test
    void messageDependsOnNothingOfTheBroker() {
        noClasses()
                .that()
                .resideInAPackage("..broker.message..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..broker.connection..",
                        "..broker.session..",
                        "..broker.routing..",
                        "..broker.retain..",
                        "..broker.will..",
                        "..broker.auth..",
                        "..broker.observe..")
                .check(CORE);
    }

    @Test
    void leavesImportNothingFromConnectionOrSession() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..broker.retain..",
                        "..broker.will..",
                        "..broker.auth..",
                        "..broker.observe..",
                        "..broker.cluster..",
                        "..broker.time..",
                        "..broker.limit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..broker.connection..", "..broker.session..")
                .check(CORE);
    }

    @Test
    void onlyTheCompositionRootUsesTheWholeCore() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.cicada.broker")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.cicada.broker.BrokerCore")
                .check(CORE);
    }
}
