package org.pneuma.simulation.scenario;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.settings.AlarmLimits;
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
 * @param alarmLimits  the alarm limits the scenario fixes; the others follow the settings in force
 *                     (the settings and the limits they give are accepted together by the validator)
 * @param events       in time order (sorted here, stably)
 * @param expectations judged after the run
 * @param onsetS       when the condition the scenario is about begins, s, when the file says so
 *                     ({@code onset_s}); null to take it from the events ({@link #conditionOnsetS()})
 */
public record Scenario(String name, String source, double durationS, PlantConfig plant, PatientModel patient,
                       VentilationSettings settings, AlarmLimitOverrides alarmLimits, List<ScenarioEvent> events,
                       List<Expectation> expectations, Double onsetS) {

    /** A scenario whose alarm limits all follow the settings, with no stated onset. */
    public Scenario(String name, String source, double durationS, PlantConfig plant, PatientModel patient,
                    VentilationSettings settings, List<ScenarioEvent> events, List<Expectation> expectations) {
        this(name, source, durationS, plant, patient, settings, AlarmLimitOverrides.NONE, events, expectations, null);
    }

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
        if (alarmLimits == null) alarmLimits = AlarmLimitOverrides.NONE;
        if (onsetS != null && !(onsetS >= 0 && onsetS < durationS)) {
            throw new IllegalArgumentException("onset must lie within the scenario, 0 to below " + durationS + " s, got " + onsetS);
        }
    }

    /** The alarm limits at the start: those fixed, the defaults for the initial settings for the others. */
    public AlarmLimits initialAlarmLimits() {
        return alarmLimits.over(settings);
    }

    /**
     * When the condition the scenario is about begins, s: {@code onset_s} when given, else the time of
     * the first event that changes the patient, the machine or the settings (a fault of the plant or
     * of the control step, a patient change, a settings change), else 0. Alarm-limit changes,
     * acknowledge, audio pause and clearing a fault are not onsets.
     */
    public double conditionOnsetS() {
        if (onsetS != null) return onsetS;
        for (ScenarioEvent e : events) {
            if (e instanceof ScenarioEvent.InjectFault || e instanceof ScenarioEvent.InjectControlFault
                    || e instanceof ScenarioEvent.ChangePatient || e instanceof ScenarioEvent.ChangeSettings) {
                return e.atS();
            }
        }
        return 0;
    }

    /** The seed of the sensor noise; equal seeds give equal runs. */
    public long seed() {
        return plant.seed();
    }
}
