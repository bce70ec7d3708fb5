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
 * @param alarms       every raise of an alarm during the run, in order
 * @param safeStateAtS when the plant's safety valve first opened (the safe state), s; null if never
 * @param signals      how much the alarm sounder and light did
 */
public record SimulationResult(String scenario, String source, double durationS, long seed, PreUseCheckResult preUseCheck,
                               List<Breath> breaths, List<AppliedEvent> events, List<ExpectationOutcome> expectations,
                               List<WindowMetrics> metrics, List<AlarmRecord> alarms, Double safeStateAtS,
                               SignalCounts signals) {

    /**
     * The on/off edges of the alarm sounder and the colour changes of the alarm light over the run.
     * The edges themselves are on the runner ({@link ScenarioRunner#sounder()}, {@link ScenarioRunner#indicator()}).
     */
    public record SignalCounts(long sounderEdges, long indicatorEdges) {
        public static final SignalCounts NONE = new SignalCounts(0, 0);
    }

    public SimulationResult {
        breaths = List.copyOf(breaths);
        events = List.copyOf(events);
        expectations = List.copyOf(expectations);
        metrics = List.copyOf(metrics);
        alarms = List.copyOf(alarms);
        if (signals == null) signals = SignalCounts.NONE;
    }

    /** Whether every expectation passed (true when there are none). */
    public boolean passed() {
        return expectations.stream().allMatch(ExpectationOutcome::pass);
    }

    public long failedExpectations() {
        return expectations.stream().filter(o -> !o.pass()).count();
    }
}
