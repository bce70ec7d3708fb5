package org.pneuma.simulation;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;
import org.pneuma.simulation.scenario.Expectation;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioEvent;

import java.util.List;

/** Scenarios built in code, for tests. */
final class Scenarios {
    private Scenarios() {
    }

    static Scenario pcAc(double durationS, long seed, List<ScenarioEvent> events, List<Expectation> expectations) {
        return new Scenario("PC-AC test", "test", durationS, PlantConfig.standard().withSeed(seed),
                PatientModel.passive(50, 10),
                VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PC_AC).peep(5).dp(15).rate(15).ti(1.0).build(),
                events, expectations);
    }
}
