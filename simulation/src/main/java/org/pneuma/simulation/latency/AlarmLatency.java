package org.pneuma.simulation.latency;

import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.simulation.AlarmRecord;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioException;
import org.pneuma.simulation.scenario.ScenarioLoader;
import org.pneuma.simulation.scenario.ScenarioText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Detection latency per alarm, in simulated time, from the raise scenarios of the alarm library: each
 * file {@code <alarm-id>-raise.yaml} (the ID in lower case, {@code apnea-raise.yaml}) is run, and the
 * latency is the first raise of its alarm at or after the condition's onset, minus that onset
 * ({@link Scenario#conditionOnsetS()}: the file's {@code onset_s}, else its first fault, patient or
 * settings event). Next to it, the delay the alarm monitor documents for the rule. Alarms without a
 * raise scenario get a row without measurements.
 *
 * <p>Stateless; runs the scenarios in parallel.
 */
public final class AlarmLatency {
    /** How raise scenarios are named: {@code <alarm-id in lower case>-raise.yaml}. */
    public static final String RAISE_SUFFIX = "-raise.yaml";
    /** A raise within this much before the onset counts as at the onset (the onset's tick). */
    private static final double ONSET_EPSILON_S = 1e-9;

    /** Files that cannot be measured: every problem of every file. */
    public static final class BadInputException extends Exception {
        public BadInputException(List<String> problems) {
            super(String.join("\n", problems));
        }
    }

    private AlarmLatency() {
    }

    /**
     * The delay the alarm monitor documents for {@code id}'s rule (see its rule table); for APNEA,
     * {@code apneaS} is the apnea interval of the scenario at hand (NaN when there is none).
     */
    public static String documentedDelay(AlarmId id, double apneaS) {
        if (id == AlarmId.APNEA && !Double.isNaN(apneaS)) return "apnea_s (" + ScenarioText.number(apneaS) + " s)";
        return id.documentedDelay();
    }

    /**
     * Runs every raise scenario in {@code dir}; one row per alarm, in the order of {@link AlarmId}.
     *
     * @throws BadInputException when a raise scenario cannot be loaded or its name names no alarm
     * @throws IOException       when {@code dir} cannot be listed
     */
    public static List<LatencyRow> measure(Path dir) throws IOException, BadInputException {
        Map<AlarmId, Scenario> scenarios = load(dir);
        Map<AlarmId, LatencyRow> measured = new EnumMap<>(AlarmId.class);
        scenarios.entrySet().parallelStream()
                .map(e -> measure(e.getKey(), e.getValue()))
                .toList()
                .forEach(row -> measured.put(row.id(), row));
        List<LatencyRow> rows = new ArrayList<>();
        for (AlarmId id : AlarmId.values()) {
            rows.add(measured.getOrDefault(id, new LatencyRow(id, documentedDelay(id, Double.NaN), null, null, null)));
        }
        return rows;
    }

    private static Map<AlarmId, Scenario> load(Path dir) throws IOException, BadInputException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(RAISE_SUFFIX)).sorted().toList();
        }
        Map<AlarmId, Scenario> scenarios = new EnumMap<>(AlarmId.class);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            AlarmId id = alarmOf(name);
            if (id == null) {
                problems.add(file + ": the name names no alarm: expected <alarm-id>" + RAISE_SUFFIX
                        + " with the ID in lower case, such as apnea" + RAISE_SUFFIX);
                continue;
            }
            try {
                scenarios.put(id, ScenarioLoader.load(file));
            } catch (ScenarioException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
        return scenarios;
    }

    /** The alarm a raise scenario's file name names, or null. */
    static AlarmId alarmOf(String fileName) {
        if (!fileName.endsWith(RAISE_SUFFIX)) return null;
        String key = fileName.substring(0, fileName.length() - RAISE_SUFFIX.length());
        for (AlarmId id : AlarmId.values()) {
            if (id.name().toLowerCase(Locale.ROOT).equals(key)) return id;
        }
        return null;
    }

    static LatencyRow measure(AlarmId id, Scenario scenario) {
        SimulationResult result = ScenarioRunner.recording(scenario).run();
        double onsetS = scenario.conditionOnsetS();
        Double raisedAtS = result.alarms().stream()
                .filter(a -> a.id() == id && a.raisedAtS() >= onsetS - ONSET_EPSILON_S)
                .map(AlarmRecord::raisedAtS)
                .findFirst().orElse(null);
        String file = Path.of(scenario.source()).getFileName().toString();
        return new LatencyRow(id, documentedDelay(id, scenario.settings().apneaS()), file, onsetS, raisedAtS);
    }
}
