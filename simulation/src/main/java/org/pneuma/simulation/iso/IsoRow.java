package org.pneuma.simulation.iso;

import org.pneuma.plant.PatientModel;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * One row of an ISO 80601-2-12 accuracy table (tables 201.104/201.105): a test lung and the settings
 * to ventilate it with. PC rows set ΔP (their {@code vt_ml} is the table's nominal volume, not
 * judged); VC rows set Vt.
 *
 * @param line          line of the row in its file
 * @param leakMlPerMin  leak at the patient connection, sized by its flow at 10 cmH2O; 0 for none
 * @param dpCmH2O       NaN for VC rows
 * @param vtMl          NaN when the row leaves it empty (allowed for PC rows)
 */
public record IsoRow(String id, IsoMode mode, double vtMl, double complianceMlPerCmH2O, double resistanceCmH2OSPerL,
                     double rateBpm, double tiS, double dpCmH2O, double peepCmH2O, double fio2Pct, double leakMlPerMin,
                     int line) {

    /** The two kinds of row. */
    public enum IsoMode {
        /** Pressure control: ventilated in PC-AC with the row's ΔP. */
        PC,
        /** Volume control: ventilated in VC-AC with the row's Vt. */
        VC
    }

    /** The settings the row is ventilated with: the defaults, with the row's mode, PEEP, ΔP or Vt, rate, Ti and FiO2. */
    public VentilationSettings settings() {
        VentilationSettings.Builder b = VentilationSettings.DEFAULTS.toBuilder()
                .mode(mode == IsoMode.PC ? Mode.PC_AC : Mode.VC_AC)
                .peep(peepCmH2O).rate(rateBpm).ti(tiS).fio2(fio2Pct);
        if (mode == IsoMode.PC) b.dp(dpCmH2O);
        else b.vt(vtMl);
        return b.build();
    }

    /** The test lung: passive, with the row's compliance and resistance, and the standard circuit. */
    public PatientModel patient() {
        return PatientModel.passive(complianceMlPerCmH2O, resistanceCmH2OSPerL);
    }

    /** The set end-inspiratory pressure of a PC row, PEEP + ΔP. */
    public double setEndInspiratoryCmH2O() {
        return peepCmH2O + dpCmH2O;
    }
}
