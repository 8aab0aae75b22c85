package io.twobrains.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pure core stays pure: decide/evolve and the contract know nothing of Spring, Kafka or I/O. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.twobrains");

    @Test
    void theDomainDependsOnlyOnTheJdkAndTheContract() {
        classes().that().resideInAPackage("io.twobrains.processor.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java.lang..", "java.util..", "java.time..", "java.nio.charset..",
                        "io.twobrains.contract..", "io.twobrains.processor.domain..")
                .check(CLASSES);
    }

    @Test
    void theContractKnowsNoSpring() {
        noClasses().that().resideInAPackage("io.twobrains.contract..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void theStoresAndTheKafkaAdaptersDoNotReachIntoTheWebLayer() {
        noClasses().that().resideInAnyPackage("io.twobrains.processor.store..", "io.twobrains.processor.kafka..",
                        "io.twobrains.processor.domain..")
                .should().dependOnClassesThat().resideInAPackage("io.twobrains.processor.api..")
                .check(CLASSES);
    }
}
