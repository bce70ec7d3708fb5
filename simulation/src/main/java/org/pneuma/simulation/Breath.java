package org.pneuma.simulation;

import org.pneuma.simulation.scenario.Metric;

/** One breath: what the ventilator reported and what the patient really got. */
public record Breath(ReportedBreath reported, BreathTruth truth) {

    public Breath {
        if (reported == null || truth == null) throw new IllegalArgumentException("reported and truth are required");
    }

    public long number() {
        return reported.number();
    }

    public double startS() {
        return reported.startS();
    }

    public double endS() {
        return reported.endS();
    }

    /** The value of {@code metric} for this breath; flags are 1 or 0; NaN when unknown. */
    public double value(Metric metric) {
        ReportedBreath r = reported;
        return switch (metric) {
            case PIP_CMH2O -> r.pipCmH2O();
            case PEEP_CMH2O -> r.peepCmH2O();
            case END_INSPIRATORY_CMH2O -> r.endInspiratoryCmH2O();
            case VTI_ML -> r.vtiMl();
            case VTE_ML -> r.vteMl();
            case RATE_BPM -> r.rateBpm();
            case MV_LPM -> r.minuteVolumeLpm();
            case IE_RATIO -> r.ieRatio();
            case TI_S -> r.tiS();
            case TE_S -> r.teS();
            case FIO2_PCT -> r.fio2Pct();
            case LEAK_LPM -> r.leakLpm();
            case PATIENT_TRIGGERED -> r.patientTriggered() ? 1 : 0;
            case BACKUP -> r.backup() ? 1 : 0;
            case SUPPORTED -> r.supported() ? 1 : 0;
            case TRUE_VT_ML -> truth.vtMl();
            case TRUE_PIP_CMH2O -> truth.pipCmH2O();
            case TRUE_END_INSPIRATORY_CMH2O -> truth.endInspiratoryCmH2O();
            case TRUE_PEEP_CMH2O -> truth.peepCmH2O();
            case TRUE_FIO2_PCT -> truth.fio2Pct();
        };
    }
}
