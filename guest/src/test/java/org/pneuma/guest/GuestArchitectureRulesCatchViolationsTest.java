package org.pneuma.guest;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.pneuma.guest.fixture.ChannelOnlyDisplay;
import org.pneuma.guest.fixture.DisplayThatReachesPastTheChannel;
import org.pneuma.hypervisor.SupervisorStandIn;
import org.pneuma.safety.SafetyPartitionStandIn;

/**
 * The guest architecture rule is not vacuous: fed a deliberately bad class (a test fixture, never part
 * of the product) it names it and what it reached, and fed a well-behaved one it stays quiet.
 */
class GuestArchitectureRulesCatchViolationsTest {

    @Test
    void aGuestClassThatReachesTheSafetyPartitionOrTheSupervisorBreaksTheRule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(DisplayThatReachesPastTheChannel.class,
                SafetyPartitionStandIn.class, SupervisorStandIn.class);

        EvaluationResult result = GuestArchitecture.DEPENDS_ONLY_ON_THE_CHANNEL_AGRONA_AND_THE_JDK.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(DisplayThatReachesPastTheChannel.class.getName())
                        .contains(SafetyPartitionStandIn.class.getName()))
                .anySatisfy(d -> assertThat(d).contains(SupervisorStandIn.class.getName()));
    }

    @Test
    void aGuestClassUsingOnlyTheChannelAgronaAndTheJdkPasses() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ChannelOnlyDisplay.class);

        assertThat(GuestArchitecture.DEPENDS_ONLY_ON_THE_CHANNEL_AGRONA_AND_THE_JDK.evaluate(fixture).hasViolation())
                .isFalse();
    }
}
