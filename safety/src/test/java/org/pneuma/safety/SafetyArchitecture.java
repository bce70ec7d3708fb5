package org.pneuma.safety;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The safety partition's architectural promises as ArchUnit rules, shared by the test that holds the
 * production classes to them and the test that shows each rule catches a violation.
 */
final class SafetyArchitecture {

    /** Safety runs at the hypervisor level and trusts nothing else: its own code, the HAL, the channel, the JDK. */
    static final ArchRule DEPENDS_ONLY_ON_HAL_CHANNEL_AND_THE_JDK = classes()
            .that().resideInAPackage("org.pneuma.safety..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("org.pneuma.safety..", "org.pneuma.hal..", "org.pneuma.channel..", "java..")
            .because("the safety partition must never depend on anything non-critical (ARCHITECTURE.md)");

    /** Spelled out for the modules that would be most tempting, so a failure names the culprit. */
    static final ArchRule NEVER_TOUCHES_THE_SIMULATOR_SUPERVISOR_OR_GUEST = noClasses()
            .that().resideInAPackage("org.pneuma.safety..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.pneuma.plant..", "org.pneuma.hypervisor..", "org.pneuma.guest..",
                    "org.pneuma.simulation..", "org.pneuma.cli..", "org.pneuma.bench..")
            .because("safety sees the hardware only through hal ports and the guest only through the channel");

    /** No file, network or logging on the 1 kHz path: it may neither block nor allocate for them. */
    static final ArchRule NO_IO_OR_LOGGING_ON_THE_CONTROL_PATH = noClasses()
            .that().resideInAnyPackage("org.pneuma.safety.control..", "org.pneuma.safety.breath..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.util.logging..")
            .orShould().dependOnClassesThat().belongToAnyOf(System.Logger.class, System.LoggerFinder.class)
            .because("the control path does no I/O or logging in steady state (ARCHITECTURE.md, Timing)");

    private SafetyArchitecture() {
    }
}
