package org.pneuma.simulation;

import java.util.List;

/**
 * Everything a scenario run produced.
 *
 * @param scenario     the scenario's name
 * @param source       where the scenario came from
 * @param durationS    simulated seconds run (the pre-use check not counted)
 * @param seed         the plant's noise seed
 * @param preUseCheck  the circuit check before ventilation
 * @param breaths      every completed breath, reported and true
 * @param events       the scenario's events, as applied
 * @param expectations the verdict on each expectation, in file order
 * @param metrics      per-span means, for the summary table
 * @param alarms       alarms raised during the run (none until the alarm monitor exists)
 */
public record SimulationResult(String scenario, String source, double durationS, long seed, PreUseCheckResult preUseCheck,
                               List<Breath> breaths, List<AppliedEvent> events, List<ExpectationOutcome> expectations,
                               List<WindowMetrics> metrics, List<AlarmRecord> alarms) {

    public SimulationResult {
        breaths = List.copyOf(breaths);
        events = List.copyOf(events);
        expectations = List.copyOf(expectations);
        metrics = List.copyOf(metrics);
        alarms = List.copyOf(alarms);
    }

    /** Whether every expectation passed (true when there are none). */
    public boolean passed() {
        return expectations.stream().allMatch(ExpectationOutcome::pass);
    }

    public long failedExpectations() {
        return expectations.stream().filter(o -> !o.pass()).count();
    }
}
