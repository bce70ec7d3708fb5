package org.pneuma.simulation.scenario;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.Mode;
import org.pneuma.simulation.RepoFiles;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario library in {@code scenarios/} loads, and covers every mode and every fault. */
class ScenarioLibraryLoadTest {

    @TestFactory
    Stream<DynamicTest> theLoaderAcceptsEveryScenarioInTheLibrary() {
        return RepoFiles.scenarios().stream().map(file -> DynamicTest.dynamicTest(RepoFiles.name(file), () -> {
            Scenario s = ScenarioLoader.load(file);
            assertThat(s.expectations()).as("expectations of %s", file).isNotEmpty();
        }));
    }

    @Test
    void theLibraryHasAScenarioForEveryModeAndEveryFault() throws Exception {
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        Set<PlantFault.Kind> faults = EnumSet.noneOf(PlantFault.Kind.class);
        boolean settingsChange = false;
        boolean patientChange = false;
        for (var file : RepoFiles.scenarios()) {
            Scenario s = ScenarioLoader.load(file);
            modes.add(s.settings().mode());
            for (ScenarioEvent e : s.events()) {
                switch (e) {
                    case ScenarioEvent.InjectFault f -> faults.add(f.fault().kind());
                    case ScenarioEvent.ChangeSettings c -> settingsChange = true;
                    case ScenarioEvent.ChangePatient p -> patientChange = true;
                    default -> { }
                }
            }
        }
        assertThat(modes).containsExactlyInAnyOrder(Mode.values());
        assertThat(faults).containsExactlyInAnyOrder(PlantFault.Kind.values());
        assertThat(settingsChange).isTrue();
        assertThat(patientChange).isTrue();
    }
}
