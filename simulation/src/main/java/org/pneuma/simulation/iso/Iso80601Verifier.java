package org.pneuma.simulation.iso;

import org.pneuma.plant.PlantConfig;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.simulation.Breath;
import org.pneuma.simulation.ScenarioRunner;
import org.pneuma.simulation.SimulationResult;
import org.pneuma.simulation.scenario.AlarmLimitOverrides;
import org.pneuma.simulation.scenario.Metric;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioEvent;
import org.pneuma.simulation.scenario.ScenarioText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verifies the ventilator against rows of ISO 80601-2-12 accuracy tables, on the simulated patient.
 *
 * <p>Each row becomes a {@value #DURATION_S} s scenario — PC rows in PC-AC with their ΔP, VC rows in
 * VC-AC with their Vt; rate, Ti, PEEP and FiO2 from the row, every other setting at its default; a
 * passive lung with the row's C and R on the standard circuit; a leak sized by {@code leak_ml_min} at
 * 10 cmH2O from t = 0 when the row has one — and is measured over the breaths that start after the
 * first {@value #SETTLE_S} s, on the plant's truth at the patient connection:
 * <ul>
 *   <li>PC rows: mean end-inspiratory pressure within ±(2 cmH2O + 4 % of set) of PEEP + ΔP;</li>
 *   <li>VC rows: mean delivered tidal volume within ±(4 mL + 15 % of set) of the set Vt;</li>
 *   <li>every row: mean end-expiratory pressure within ±(2 cmH2O + 4 % of set) of PEEP; the mean
 *       reported Vt (vti) within ±(4 mL + 15 % of the true Vt) of the mean true Vt; the mean inspired O2
 *       during inspiration within ±5 points of the set FiO2.</li>
 * </ul>
 * The rows test accuracy, not alarms: they run with {@linkplain #ACCURACY_LIMITS alarm limits} that stay
 * out of the way — the high-pressure limit at its maximum, 80 cmH2O, so that a stiff lung or a narrow
 * airway in VC is not cut short by the pressure limit (the default 40 cmH2O would end such
 * inspirations early), and every other limit as wide as the validator allows.
 *
 * <p>Stateless; rows are independent runs and may be verified in parallel.
 */
public final class Iso80601Verifier {
    public static final double DURATION_S = 30;
    public static final double SETTLE_S = 10;

    /** Alarm limits that do not interfere with an accuracy measurement. */
    public static final AlarmLimits ACCURACY_LIMITS = new AlarmLimits(
            80,     // high_pressure_cmh2o: the highest the validator allows
            0,      // low_vte_ml: off
            4000,   // high_vte_ml
            0,      // low_mv_lpm: off
            100,    // high_mv_lpm
            200,    // high_rate_bpm
            50,     // high_peep_cmh2o
            -1,     // low_peep_cmh2o
            101,    // high_fio2_pct
            AlarmLimits.MIN_LOW_FIO2_PCT);

    private Iso80601Verifier() {
    }

    /** The scenario a row is verified with. */
    public static Scenario scenarioFor(IsoRow row) {
        List<ScenarioEvent> events = row.leakMlPerMin() > 0
                ? List.of(new ScenarioEvent.InjectFault(0, new PlantFault.Leak(row.leakMlPerMin())))
                : List.of();
        return new Scenario("iso80601-2-12 " + row.id(), "row " + row.id() + " (line " + row.line() + ")", DURATION_S,
                PlantConfig.standard(), row.patient(), row.settings(), AlarmLimitOverrides.all(ACCURACY_LIMITS), events,
                List.of(), null);
    }

    /** Runs and judges every row, in parallel; results in the rows' order. */
    public static List<IsoRowResult> verify(List<IsoRow> rows) {
        return rows.parallelStream().map(Iso80601Verifier::verify).toList();
    }

    public static IsoRowResult verify(IsoRow row) {
        SimulationResult result = ScenarioRunner.recording(scenarioFor(row)).run();
        return judge(row, result.breaths());
    }

    /** Judges a row on the breaths of its run. */
    public static IsoRowResult judge(IsoRow row, List<Breath> breaths) {
        List<Breath> measured = breaths.stream().filter(b -> b.startS() >= SETTLE_S - 1e-9).toList();
        IsoRowResult.Measured m = new IsoRowResult.Measured(
                mean(measured, Metric.TRUE_END_INSPIRATORY_CMH2O), mean(measured, Metric.TRUE_PEEP_CMH2O),
                mean(measured, Metric.TRUE_VT_ML), mean(measured, Metric.VTI_ML), mean(measured, Metric.TRUE_FIO2_PCT));
        boolean pc = row.mode() == IsoRow.IsoMode.PC;
        IsoRowResult.Tolerance t = new IsoRowResult.Tolerance(
                pc ? pressureTolerance(row.setEndInspiratoryCmH2O()) : Double.NaN,
                pressureTolerance(row.peepCmH2O()),
                pc ? Double.NaN : volumeTolerance(row.vtMl()),
                volumeTolerance(m.vtTrueMl()),
                5.0);

        List<String> failures = new ArrayList<>();
        if (measured.isEmpty()) failures.add("no breaths after the first " + fmt(SETTLE_S) + " s");
        if (pc) check(failures, "end-inspiratory pressure", m.pipCmH2O(), row.setEndInspiratoryCmH2O(), t.pipCmH2O(), "cmH2O");
        else check(failures, "delivered tidal volume", m.vtTrueMl(), row.vtMl(), t.vtTrueMl(), "mL");
        check(failures, "end-expiratory pressure", m.peepCmH2O(), row.peepCmH2O(), t.peepCmH2O(), "cmH2O");
        check(failures, "reported tidal volume", m.vtReportedMl(), m.vtTrueMl(), t.vtReportedMl(), "mL (the true Vt)");
        check(failures, "delivered FiO2", m.fio2Pct(), row.fio2Pct(), t.fio2Pct(), "%");
        return new IsoRowResult(row, failures.isEmpty(), m, t, failures, measured.size());
    }

    /** ±(2 cmH2O + 4 % of the set pressure). */
    public static double pressureTolerance(double setCmH2O) {
        return 2 + 0.04 * setCmH2O;
    }

    /** ±(4 mL + 15 % of the reference volume). */
    public static double volumeTolerance(double referenceMl) {
        return 4 + 0.15 * referenceMl;
    }

    private static void check(List<String> failures, String what, double measured, double target, double tolerance, String unit) {
        if (Double.isNaN(measured) || Double.isNaN(target) || Double.isNaN(tolerance)) {
            if (failures.stream().noneMatch(f -> f.startsWith("no breaths"))) failures.add(what + " could not be measured");
            return;
        }
        if (Math.abs(measured - target) > tolerance) {
            failures.add(String.format(Locale.ROOT, "%s %.2f is off %.2f by %+.2f, beyond ±%.2f %s",
                    what, measured, target, measured - target, tolerance, unit));
        }
    }

    private static double mean(List<Breath> breaths, Metric metric) {
        double sum = 0;
        int n = 0;
        for (Breath b : breaths) {
            double v = b.value(metric);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String fmt(double v) {
        return ScenarioText.number(v);
    }
}
