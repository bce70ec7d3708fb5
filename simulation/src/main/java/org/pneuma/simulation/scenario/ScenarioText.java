package org.pneuma.simulation.scenario;

import org.pneuma.safety.settings.AlarmLimitField;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.SpontaneousEffort;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

import java.util.List;

/**
 * Settings, patients and their changes as one line of text, in the key names of scenario files, for
 * event logs and summaries.
 */
public final class ScenarioText {
    private static final List<String> SETTING_NAMES = List.of("peep_cmh2o", "dp_cmh2o", "vt_ml", "rate_bpm", "ti_s",
            "rise_time_s", "flow_trigger_lpm", "pressure_trigger_cmh2o", "ps_cmh2o", "cycle_off_pct", "fio2_pct", "apnea_s");
    private static final List<String> PATIENT_NAMES = List.of("compliance_ml_per_cmh2o", "resistance_cmh2o_s_per_l",
            "circuit_compliance_ml_per_cmh2o", "effort.rate_bpm", "effort.amplitude_cmh2o", "effort.inspiratory_fraction",
            "effort.start_s");

    private ScenarioText() {
    }

    /** A number as people write it: {@code 5}, {@code 0.35}, {@code 1.0667}. */
    public static String number(double v) {
        return MappingReader.fmt(v);
    }

    /** The mode, then the fields that mode uses: {@code pc_ac peep_cmh2o=5 dp_cmh2o=15 rate_bpm=15 …}. */
    public static String describe(VentilationSettings s) {
        StringBuilder b = new StringBuilder(FaultNames.of(s.mode()));
        b.append(" peep_cmh2o=").append(number(s.peepCmH2O()));
        if (s.mode() == Mode.PSV) b.append(" ps_cmh2o=").append(number(s.psCmH2O()));
        if (s.mode().pressureTargeted()) b.append(" dp_cmh2o=").append(number(s.dpCmH2O()));
        else b.append(" vt_ml=").append(number(s.vtMl()));
        b.append(" rate_bpm=").append(number(s.rateBpm()));
        b.append(" ti_s=").append(number(s.tiS()));
        b.append(" fio2_pct=").append(number(s.fio2Pct()));
        return b.toString();
    }

    /** What changed: {@code peep_cmh2o 5→10, fio2_pct 40→60}, or {@code no change}. */
    public static String diff(VentilationSettings before, VentilationSettings after) {
        StringBuilder b = new StringBuilder();
        if (before.mode() != after.mode()) append(b, "mode", FaultNames.of(before.mode()), FaultNames.of(after.mode()));
        if (before.trigger() != after.trigger()) append(b, "trigger", FaultNames.of(before.trigger()), FaultNames.of(after.trigger()));
        diff(b, SETTING_NAMES, values(before), values(after));
        return b.isEmpty() ? "no change" : b.toString();
    }

    /** Which alarm limits changed: {@code high_pressure_cmh2o 30→35}, or {@code no change}. */
    public static String diff(AlarmLimits before, AlarmLimits after) {
        StringBuilder b = new StringBuilder();
        for (AlarmLimitField f : AlarmLimitField.values()) {
            if (Double.compare(f.of(before), f.of(after)) != 0) append(b, f.key(), number(f.of(before)), number(f.of(after)));
        }
        return b.isEmpty() ? "no change" : b.toString();
    }

    /** Every alarm limit: {@code high_pressure_cmh2o=30 low_vte_ml=250 …}. */
    public static String describe(AlarmLimits l) {
        StringBuilder b = new StringBuilder();
        for (AlarmLimitField f : AlarmLimitField.values()) {
            if (!b.isEmpty()) b.append(' ');
            b.append(f.key()).append('=').append(number(f.of(l)));
        }
        return b.toString();
    }

    public static String describe(PatientModel p) {
        StringBuilder b = new StringBuilder()
                .append("compliance_ml_per_cmh2o=").append(number(p.complianceMlPerCmH2O()))
                .append(" resistance_cmh2o_s_per_l=").append(number(p.resistanceCmH2OSPerL()))
                .append(" circuit_compliance_ml_per_cmh2o=").append(number(p.circuitComplianceMlPerCmH2O()));
        SpontaneousEffort e = p.effort();
        if (e.breathes()) {
            b.append(" effort=").append(number(e.rateBpm())).append("/min ").append(number(e.amplitudeCmH2O()))
                    .append(" cmH2O ").append(FaultNames.of(e.shape()));
        } else {
            b.append(" effort=none");
        }
        return b.toString();
    }

    public static String diff(PatientModel before, PatientModel after) {
        StringBuilder b = new StringBuilder();
        diff(b, PATIENT_NAMES, values(before), values(after));
        if (before.effort().shape() != after.effort().shape()) {
            append(b, "effort.shape", FaultNames.of(before.effort().shape()), FaultNames.of(after.effort().shape()));
        }
        return b.isEmpty() ? "no change" : b.toString();
    }

    private static void diff(StringBuilder b, List<String> names, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            if (Double.compare(x[i], y[i]) != 0) append(b, names.get(i), number(x[i]), number(y[i]));
        }
    }

    private static void append(StringBuilder b, String name, String from, String to) {
        if (!b.isEmpty()) b.append(", ");
        b.append(name).append(' ').append(from).append('→').append(to);
    }

    private static double[] values(VentilationSettings s) {
        return new double[] {s.peepCmH2O(), s.dpCmH2O(), s.vtMl(), s.rateBpm(), s.tiS(), s.riseTimeS(), s.flowTriggerLpm(),
                s.pressureTriggerCmH2O(), s.psCmH2O(), s.cycleOffPct(), s.fio2Pct(), s.apneaS()};
    }

    private static double[] values(PatientModel p) {
        SpontaneousEffort e = p.effort();
        return new double[] {p.complianceMlPerCmH2O(), p.resistanceCmH2OSPerL(), p.circuitComplianceMlPerCmH2O(),
                e.rateBpm(), e.amplitudeCmH2O(), e.inspiratoryFraction(), e.startS()};
    }
}
