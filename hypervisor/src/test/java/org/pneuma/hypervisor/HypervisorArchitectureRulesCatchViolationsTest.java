package org.pneuma.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.pneuma.guest.GuestServiceStandIn;
import org.pneuma.hypervisor.fixture.ChannelOnlyWatcher;
import org.pneuma.hypervisor.fixture.SupervisorThatReachesIntoThePartitions;
import org.pneuma.plant.PlantStandIn;
import org.pneuma.safety.SafetyPartitionStandIn;
import org.pneuma.system.SafetyProcessStandIn;

/**
 * The hypervisor architecture rule is not vacuous: fed a deliberately bad class (a test fixture, never part
 * of the product) it names every forbidden module it reached, and fed a well-behaved one it stays quiet.
 */
class HypervisorArchitectureRulesCatchViolationsTest {

    @Test
    void aSupervisorClassThatReachesSafetyPlantSystemOrGuestCodeBreaksTheRule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(SupervisorThatReachesIntoThePartitions.class,
                SafetyPartitionStandIn.class, PlantStandIn.class, SafetyProcessStandIn.class, GuestServiceStandIn.class);

        EvaluationResult result = HypervisorArchitecture.NEVER_DEPENDS_ON_WHAT_RUNS_IN_THE_PARTITIONS.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allSatisfy(d -> assertThat(d).contains(SupervisorThatReachesIntoThePartitions.class.getName()))
                .anySatisfy(d -> assertThat(d).contains(SafetyPartitionStandIn.class.getName()))
                .anySatisfy(d -> assertThat(d).contains(PlantStandIn.class.getName()))
                .anySatisfy(d -> assertThat(d).contains(SafetyProcessStandIn.class.getName()))
                .anySatisfy(d -> assertThat(d).contains(GuestServiceStandIn.class.getName()));
    }

    @Test
    void aSupervisorClassUsingOnlyTheChannelAndTheJdkPasses() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ChannelOnlyWatcher.class);

        assertThat(HypervisorArchitecture.NEVER_DEPENDS_ON_WHAT_RUNS_IN_THE_PARTITIONS.evaluate(fixture).hasViolation())
                .isFalse();
    }
}
