package org.pneuma.simulation.report;

import org.pneuma.simulation.AlarmRecord;
import org.pneuma.simulation.AppliedEvent;
import org.pneuma.simulation.ExpectationOutcome;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.WindowMetrics;
import org.pneuma.simulation.scenario.Metric;
import org.pneuma.simulation.scenario.ScenarioText;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A run for a human: the scenario, the pre-use check, the events, a table of per-span means (what
 * the ventilator reported, then the patient's truth), the alarms raised (with when each cleared, was
 * acknowledged and fell silent), the safe state, and each expectation with PASS or FAIL.
 */
public final class SummaryWriter {
    private record Column(String header, Metric metric, int decimals) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("PIP", Metric.PIP_CMH2O, 1),
            new Column("PEEP", Metric.PEEP_CMH2O, 1),
            new Column("Vti", Metric.VTI_ML, 0),
            new Column("Vte", Metric.VTE_ML, 0),
            new Column("rate", Metric.RATE_BPM, 1),
            new Column("MV", Metric.MV_LPM, 2),
            new Column("FiO2", Metric.FIO2_PCT, 1),
            new Column("leak", Metric.LEAK_LPM, 1),
            new Column("trig", Metric.PATIENT_TRIGGERED, 2),
            new Column("|", null, 0),
            new Column("Vt", Metric.TRUE_VT_ML, 0),
            new Column("Pend-i", Metric.TRUE_END_INSPIRATORY_CMH2O, 1),
            new Column("PEEP", Metric.TRUE_PEEP_CMH2O, 1),
            new Column("FiO2", Metric.TRUE_FIO2_PCT, 1));

    private SummaryWriter() {
    }

    public static void write(SimulationResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "scenario  %s  (%s)%n", r.scenario(), r.source());
        out.printf(Locale.ROOT, "run       %s s simulated, seed %d, %d breaths%n",
                ScenarioText.number(r.durationS()), r.seed(), r.breaths().size());
        out.printf(Locale.ROOT, "pre-use   %s, circuit compliance %.2f mL/cmH2O%s%n",
                r.preUseCheck().passed() ? "passed" : "FAILED", r.preUseCheck().circuitComplianceMlPerCmH2O(),
                r.preUseCheck().failure() == null ? "" : " (nominal; " + r.preUseCheck().failure() + ")");
        if (!r.events().isEmpty()) {
            out.println();
            out.println("events");
            for (AppliedEvent e : r.events()) {
                out.printf(Locale.ROOT, "  %8.3f s  %-8s %s%n", e.atS(), e.kind(), e.description());
            }
        }
        out.println();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-11s %4s", "window s", "n"));
        int divider = header.length() + 1 + 7 * COLUMNS.indexOf(COLUMNS.stream().filter(c -> c.metric() == null).findFirst().orElseThrow());
        String title = String.format(Locale.ROOT, "means per %s s", ScenarioText.number(ScenarioRunner.SUMMARY_SPAN_S));
        String reported = "reported by the ventilator ";
        out.println(title + " ".repeat(Math.max(1, divider - title.length() - reported.length())) + reported + "| true, at the patient");
        for (Column c : COLUMNS) header.append(c.metric() == null ? " |" : String.format(Locale.ROOT, " %6s", c.header()));
        out.println(header);
        for (WindowMetrics w : r.metrics()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-11s %4d",
                    ScenarioText.number(w.fromS()) + "–" + ScenarioText.number(w.toS()), w.breaths()));
            for (Column c : COLUMNS) {
                if (c.metric() == null) {
                    row.append(" |");
                    continue;
                }
                double v = w.mean(c.metric());
                row.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %6s", "-")
                        : String.format(Locale.ROOT, " %6." + c.decimals() + "f", v));
            }
            out.println(row);
        }
        out.println("  units: cmH2O, mL, breaths/min, L/min, %; trig = share of patient-triggered breaths");

        out.println();
        writeAlarms(r, out);

        out.println();
        if (r.expectations().isEmpty()) {
            out.println("expectations: none");
        } else {
            out.println("expectations");
            for (ExpectationOutcome o : r.expectations()) {
                out.printf(Locale.ROOT, "  %s  %s%s: measured %s (%s)%n", o.pass() ? "PASS" : "FAIL",
                        o.expectation().line() > 0 ? "line " + o.expectation().line() + ": " : "",
                        o.expectation().describe(), Double.isNaN(o.measured()) ? "nothing" : ScenarioText.number(round(o.measured())),
                        o.detail());
            }
        }
        out.println();
        long failed = r.failedExpectations();
        out.printf(Locale.ROOT, "result: %s (%d of %d expectations passed)%n", r.passed() ? "PASS" : "FAIL",
                r.expectations().size() - failed, r.expectations().size());
        out.flush();
    }

    /** Every raise, then when the safe state came and how busy the sounder and light were. */
    private static void writeAlarms(SimulationResult r, PrintWriter out) {
        if (r.alarms().isEmpty()) {
            out.println("alarms: none");
        } else {
            out.println("alarms");
            out.printf(Locale.ROOT, "  %10s  %-20s %-8s %10s %13s %13s%n", "raised", "id", "priority", "cleared", "acknowledged",
                    "signal ended");
            for (AlarmRecord a : r.alarms()) {
                out.printf(Locale.ROOT, "  %10s  %-20s %-8s %10s %13s %13s%n", time(a.raisedAtS()), a.id(), a.priority(),
                        time(a.clearedAtS()), time(a.acknowledgedAtS()), time(a.signalEndedAtS()));
            }
        }
        out.printf(Locale.ROOT, "safe state: %s%n", r.safeStateAtS() == null ? "never (the safety valve stayed shut)"
                : "safety valve opened at " + time(r.safeStateAtS()));
        out.printf(Locale.ROOT, "signals: sounder %d edges, light %d edges%n", r.signals().sounderEdges(), r.signals().indicatorEdges());
    }

    private static String time(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.3f s", s);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
