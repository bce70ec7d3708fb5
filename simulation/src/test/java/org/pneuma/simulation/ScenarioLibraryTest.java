package org.pneuma.simulation;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioLoader;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of the library — every {@code .yaml} under {@code scenarios/}, the alarm scenarios of
 * {@code scenarios/alarms/} included — meets its own expectations: the ventilator does what a
 * clinician would expect in each mode, under each fault, and raises (or keeps quiet about) each alarm.
 */
class ScenarioLibraryTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioInTheLibraryMeetsItsExpectations() {
        return RepoFiles.scenarios().stream().map(file -> DynamicTest.dynamicTest(RepoFiles.name(file), () -> {
            Scenario scenario = ScenarioLoader.load(file);
            SimulationResult result = ScenarioRunner.recording(scenario).run();

            assertThat(result.expectations()).isNotEmpty();
            assertThat(result.failedExpectations())
                    .as("failed expectations of %s:%n%s", RepoFiles.name(file), result.expectations().stream()
                            .filter(o -> !o.pass())
                            .map(o -> "  line " + o.expectation().line() + ": " + o.expectation().describe()
                                    + ": measured " + o.measured() + " (" + o.detail() + ")")
                            .collect(Collectors.joining("\n")))
                    .isZero();
        }));
    }
}
