package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.settings.VentilationSettings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads scenario files. A scenario is one YAML document:
 * <pre>
 * name: PC-AC, passive adult
 * duration_s: 60
 * seed: 7                                  # optional; equal seeds give equal runs
 * o2_sensor_lag_s: 1.0                     # optional
 * patient:
 *   compliance_ml_per_cmh2o: 50
 *   resistance_cmh2o_s_per_l: 5
 *   circuit_compliance_ml_per_cmh2o: 1.0   # optional, default 1.0
 *   effort: {rate_bpm: 12, amplitude_cmh2o: 4, shape: half_sine, inspiratory_fraction: 0.3, start_s: 0}
 * settings:                                # unspecified fields keep VentilationSettings.DEFAULTS
 *   mode: pc_ac                            # pc_cmv | pc_ac | vc_cmv | vc_ac | psv
 *   peep_cmh2o: 5
 *   dp_cmh2o: 15
 *   rate_bpm: 15
 *   ie_ratio: "1:2"                        # or ti_s: 1.0, not both
 * alarm_limits: {high_pressure_cmh2o: 35}  # optional; the others follow the settings in force
 * onset_s: 20                              # optional; when the condition of interest begins
 * events:
 *   - {at_s: 20, fault: leak, flow_at_10_cmh2o_ml_min: 5000}
 *   - {at_s: 22, fault: control_stall}     # or control_exception
 *   - {at_s: 30, acknowledge: true}
 *   - {at_s: 31, audio_pause: true}
 *   - {at_s: 40, clear: leak}
 *   - {at_s: 45, settings: {peep_cmh2o: 8}}
 *   - {at_s: 46, alarm_limits: {high_peep_cmh2o: 15}}
 *   - {at_s: 50, patient: {compliance_ml_per_cmh2o: 30}}
 * expect:
 *   - {metric: true_vt_ml, stat: mean, window_s: [10, 20], between: [400, 600]}
 *   - {alarm: DISCONNECTION, raised_within_s: [20, 30]}
 *   - {no_alarm: APNEA}
 *   - {safe_state_within_s: [22, 22.05]}
 * </pre>
 * Unknown keys are errors. Every error names the line and the field, and all errors of a file are
 * reported together ({@link ScenarioException}). Settings — initial and each change, in time order
 * over the settings then in force — must pass the ventilator's own {@code SettingsValidator}, and so
 * must the settings together with the alarm limits in force at every change of either.
 *
 * <p>Stateless; any thread.
 */
public final class ScenarioLoader {
    static final List<String> KEYS = List.of("name", "duration_s", "seed", "o2_sensor_lag_s", "onset_s", "patient", "settings",
            "alarm_limits", "events", "expect");
    private static final double MAX_DURATION_S = 24 * 3600;
    private static final double MAX_O2_SENSOR_LAG_S = 60;

    private ScenarioLoader() {
    }

    /** Reads {@code file}; errors are reported against the path as given. */
    public static Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), List.of(new ScenarioException.Problem(0, "",
                    "cannot read the file: " + describe(e))));
        }
        return parse(text, file.toString());
    }

    /** Reads a scenario from YAML text; {@code source} names it in errors. */
    public static Scenario parse(String yaml, String source) throws ScenarioException {
        return read(new StringReader(yaml), source);
    }

    public static Scenario read(Reader yaml, String source) throws ScenarioException {
        Problems problems = new Problems();
        YamlNode root = YamlTree.parse(yaml, problems);
        problems.throwIfAny(source);
        Scenario scenario = interpret(root, source, problems);
        problems.throwIfAny(source);
        return scenario;
    }

    private static Scenario interpret(YamlNode root, String source, Problems problems) {
        MappingReader r = MappingReader.of(root, "", problems, KEYS);
        if (r == null) return null;
        String name = r.requiredText("name", "a name for the scenario");
        Double durationS = null;
        if (!r.has("duration_s")) r.missing("duration_s", "how many simulated seconds to run");
        else durationS = r.numberIn("duration_s", Double.MIN_VALUE, MAX_DURATION_S, "s");
        if (durationS != null && durationS * 1000 < 1) {
            problems.add(r.lineOf("duration_s"), "duration_s", "must be at least one 1 ms tick");
            durationS = null;
        }
        Long seed = r.integer("seed");
        Double lag = r.numberIn("o2_sensor_lag_s", 0, MAX_O2_SENSOR_LAG_S, "s");

        PatientModel patient = null;
        if (!r.has("patient")) r.missing("patient", "the lung (compliance_ml_per_cmh2o, resistance_cmh2o_s_per_l) and its effort");
        else patient = PatientReader.read(r.node("patient"), "patient", null, problems);

        SettingsReader.InForce settings = null;
        if (!r.has("settings")) r.missing("settings", "at least the mode, e.g. {mode: pc_ac}");
        else settings = SettingsReader.read(r.node("settings"), "settings",
                new SettingsReader.InForce(VentilationSettings.DEFAULTS, null), "", problems);

        AlarmLimitOverrides limits = AlarmLimitOverrides.NONE;
        Map<AlarmLimitField, Integer> limitLines = Map.of();
        if (r.has("alarm_limits")) {
            limits = AlarmLimitsReader.read(r.node("alarm_limits"), "alarm_limits", problems);
            limitLines = AlarmLimitsReader.lines(r.node("alarm_limits"));
        }
        if (settings != null && limits != null) {
            YamlNode.Mapping top = (YamlNode.Mapping) root;
            List<AlarmLimitsReader.Site> sites = Stream.of(AlarmLimitsReader.Site.of(top.fields().get("settings"), "settings"),
                    AlarmLimitsReader.Site.of(top.fields().get("alarm_limits"), "alarm_limits"))
                    .filter(Objects::nonNull).toList();
            AlarmLimitsReader.judge(settings.settings(), limits, sites, sites.getLast(), limitLines, "", problems);
        }

        double horizonS = durationS != null ? durationS : Double.POSITIVE_INFINITY;
        Double onsetS = null;
        if (r.has("onset_s")) {
            onsetS = r.number("onset_s");
            if (onsetS != null && !(onsetS >= 0 && onsetS < horizonS)) {
                problems.add(r.lineOf("onset_s"), "onset_s", "%s is outside the scenario (0 to below duration_s %s)"
                        .formatted(MappingReader.fmt(onsetS), MappingReader.fmt(horizonS)));
                onsetS = null;
            }
        }
        List<ScenarioEvent> events = r.has("events")
                ? EventReader.read(r.node("events"), horizonS, settings, limits, limitLines, patient, problems) : List.of();
        List<Expectation> expectations = r.has("expect") ? ExpectationReader.read(r.node("expect"), horizonS, problems) : List.of();
        if (!problems.isEmpty()) return null;

        PlantConfig plant = PlantConfig.standard();
        if (seed != null) plant = plant.withSeed(seed);
        if (lag != null) plant = plant.withOxygenSensorLag(lag);
        return new Scenario(name, source, durationS, plant, patient, settings.settings(), limits, events, expectations, onsetS);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? kind : e.getMessage();
        };
    }
}
