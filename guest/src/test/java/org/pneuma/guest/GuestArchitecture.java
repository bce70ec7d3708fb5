package org.pneuma.guest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The guest programs' architectural promise as an ArchUnit rule, shared by the test that holds the
 * production classes to it and the test that shows it catches a violation.
 */
final class GuestArchitecture {

    /**
     * A guest program is untrusted, non-critical code: it reaches the rest of the system through the
     * channels only, never through the safety partition's or the supervisor's classes.
     */
    static final ArchRule DEPENDS_ONLY_ON_THE_CHANNEL_AGRONA_AND_THE_JDK = classes()
            .that().resideInAPackage("org.pneuma.guest..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("org.pneuma.guest..", "org.pneuma.channel..", "org.agrona..", "java..")
            .because("the guest talks to the safety partition through the channels and nothing else (ARCHITECTURE.md)");

    private GuestArchitecture() {
    }
}
