package org.pneuma.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.pneuma.plant.PlantStandIn;
import org.pneuma.safety.control.fixture.LoggingControlStep;
import org.pneuma.safety.control.fixture.WellBehavedControlStep;
import org.pneuma.safety.fixture.PlantPeekingMonitor;

/**
 * The architecture rules are not vacuous: fed deliberately bad classes (test fixtures, never part of
 * the product) they report them, and fed a well-behaved one they stay quiet.
 */
class SafetyArchitectureRulesCatchViolationsTest {

    @Test
    void aSafetyClassThatReadsThePlantBreaksBothDependencyRules() {
        JavaClasses fixture = new ClassFileImporter().importClasses(PlantPeekingMonitor.class, PlantStandIn.class);

        EvaluationResult onlyAllowed = SafetyArchitecture.DEPENDS_ONLY_ON_HAL_CHANNEL_AND_THE_JDK.evaluate(fixture);
        EvaluationResult forbidden = SafetyArchitecture.NEVER_TOUCHES_THE_SIMULATOR_SUPERVISOR_OR_GUEST.evaluate(fixture);

        assertThat(onlyAllowed.hasViolation()).isTrue();
        assertThat(onlyAllowed.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(PlantPeekingMonitor.class.getName()).contains(PlantStandIn.class.getName()));
        assertThat(forbidden.hasViolation()).isTrue();
        assertThat(forbidden.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(PlantStandIn.class.getName()));
    }

    @Test
    void aControlStepThatLogsOrPrintsBreaksTheNoIoRule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(LoggingControlStep.class);

        EvaluationResult result = SafetyArchitecture.NO_IO_OR_LOGGING_ON_THE_CONTROL_PATH.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("java.util.logging.Logger"))
                .anySatisfy(d -> assertThat(d).contains("java.io.PrintStream"))
                .anySatisfy(d -> assertThat(d).contains("java.lang.System$Logger"));
    }

    @Test
    void aControlStepUsingOnlyTheHalAndTheJdkPassesEveryRule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(WellBehavedControlStep.class);

        assertThat(SafetyArchitecture.DEPENDS_ONLY_ON_HAL_CHANNEL_AND_THE_JDK.evaluate(fixture).hasViolation()).isFalse();
        assertThat(SafetyArchitecture.NEVER_TOUCHES_THE_SIMULATOR_SUPERVISOR_OR_GUEST.evaluate(fixture).hasViolation()).isFalse();
        assertThat(SafetyArchitecture.NO_IO_OR_LOGGING_ON_THE_CONTROL_PATH.evaluate(fixture).hasViolation()).isFalse();
    }
}
