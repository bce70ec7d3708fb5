package org.pneuma.hypervisor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The hypervisor level's architectural promise as an ArchUnit rule, shared by the test that holds the
 * production classes to it and the test that shows it catches a violation.
 */
final class HypervisorArchitecture {

    /**
     * The supervisor knows partitions, channels and health, not what runs in them: the safety partition's
     * code, the simulated patient, the assembled safety process and the guest programs are started by
     * command line ({@code PartitionCommands}) and reached through the channels only.
     */
    static final ArchRule NEVER_DEPENDS_ON_WHAT_RUNS_IN_THE_PARTITIONS = noClasses()
            .that().resideInAPackage("org.pneuma.hypervisor..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.pneuma.safety..", "org.pneuma.plant..", "org.pneuma.system..", "org.pneuma.guest..")
            .because("the hypervisor level depends on the channels only (ARCHITECTURE.md); what runs in a partition "
                    + "is named by its command line");

    private HypervisorArchitecture() {
    }
}
