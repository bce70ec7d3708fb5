package org.pneuma.simulation.scenario;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A complete, validated scenario: a patient on the ventilator with its settings, what happens to them
 * and when, and what the run must show. Read from YAML by {@link ScenarioLoader} or built in code.
 *
 * @param name         a human name
 * @param source       where it came from (file name, or a description when built in code)
 * @param durationS    simulated seconds to run, after the pre-use check
 * @param plant        the simulated hardware, including the noise seed and O2 sensor lag
 * @param patient      the patient at the start
 * @param settings     the settings at the start (accepted by the settings validator)
 * @param events       in time order (sorted here, stably)
 * @param expectations judged after the run
 */
public record Scenario(String name, String source, double durationS, PlantConfig plant, PatientModel patient,
                       VentilationSettings settings, List<ScenarioEvent> events, List<Expectation> expectations) {

    public Scenario {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (source == null) source = name;
        if (!(durationS > 0)) throw new IllegalArgumentException("duration must be > 0 s");
        if (plant == null || patient == null || settings == null) {
            throw new IllegalArgumentException("plant, patient and settings are required");
        }
        List<ScenarioEvent> sorted = new ArrayList<>(events == null ? List.of() : events);
        sorted.sort(Comparator.comparingDouble(ScenarioEvent::atS));
        events = List.copyOf(sorted);
        expectations = List.copyOf(expectations == null ? List.of() : expectations);
    }

    /** The seed of the sensor noise; equal seeds give equal runs. */
    public long seed() {
        return plant.seed();
    }
}
