package org.pneuma.simulation;

import org.pneuma.safety.breath.BreathRecord;

/**
 * One breath as the ventilator reported it: a copy of its {@link BreathRecord} (which is a reused
 * flyweight), with times in seconds from the start of the scenario.
 */
public record ReportedBreath(long number, double startS, double tiS, double teS, double pipCmH2O, double peepCmH2O,
                             double endInspiratoryCmH2O, double vtiMl, double vteMl, double rateBpm,
                             double minuteVolumeLpm, double ieRatio, double fio2Pct, double leakLpm,
                             boolean patientTriggered, boolean backup, boolean supported) {

    /** Copies {@code r}; its {@code startNs} is on the scenario clock, which starts at 0. */
    public static ReportedBreath copyOf(BreathRecord r) {
        return new ReportedBreath(r.number, r.startNs / 1e9, r.tiS, r.teS, r.pipCmH2O, r.peepCmH2O, r.endInspiratoryCmH2O,
                r.vtiMl, r.vteMl, r.rateBpm, r.minuteVolumeLpm, r.ieRatio, r.fio2Pct, r.leakLpm, r.patientTriggered,
                r.backup, r.supported);
    }

    public double endS() {
        return startS + tiS + teS;
    }
}
