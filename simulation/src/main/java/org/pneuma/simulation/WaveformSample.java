package org.pneuma.simulation;

import org.pneuma.safety.breath.BreathPhase;

/**
 * One instant of a run, as the ventilator estimated it and as it truly was. A flyweight: the runner
 * refills the same instance every tick and hands it to the {@link WaveformSink}; it is valid only
 * during that call. Owned by the stepping thread.
 */
public final class WaveformSample {
    private long tick;
    private double timeS;
    private double airwayPressureCmH2O;
    private double patientFlowMlPerS;
    private double volumeMl;
    private double oxygenPercent;
    private BreathPhase phase;
    private double truePatientConnectionCmH2O;
    private double trueLungVolumeMl;
    private double truePatientFlowMlPerS;
    private double trueInspiredOxygenPercent;

    void fill(long tick, double timeS, double airwayPressureCmH2O, double patientFlowMlPerS, double volumeMl,
              double oxygenPercent, BreathPhase phase, double truePatientConnectionCmH2O, double trueLungVolumeMl,
              double truePatientFlowMlPerS, double trueInspiredOxygenPercent) {
        this.tick = tick;
        this.timeS = timeS;
        this.airwayPressureCmH2O = airwayPressureCmH2O;
        this.patientFlowMlPerS = patientFlowMlPerS;
        this.volumeMl = volumeMl;
        this.oxygenPercent = oxygenPercent;
        this.phase = phase;
        this.truePatientConnectionCmH2O = truePatientConnectionCmH2O;
        this.trueLungVolumeMl = trueLungVolumeMl;
        this.truePatientFlowMlPerS = truePatientFlowMlPerS;
        this.trueInspiredOxygenPercent = trueInspiredOxygenPercent;
    }

    /** Tick number from the start of the scenario, one per millisecond. */
    public long tick() { return tick; }
    public double timeS() { return timeS; }
    /** The ventilator's estimate of pressure at the patient connection. */
    public double airwayPressureCmH2O() { return airwayPressureCmH2O; }
    /** The ventilator's estimate of flow into the patient (negative out). */
    public double patientFlowMlPerS() { return patientFlowMlPerS; }
    /** The ventilator's estimate of volume delivered since the start of the breath. */
    public double volumeMl() { return volumeMl; }
    /** The O2 sensor's reading. */
    public double oxygenPercent() { return oxygenPercent; }
    public BreathPhase phase() { return phase; }
    public double truePatientConnectionCmH2O() { return truePatientConnectionCmH2O; }
    public double trueLungVolumeMl() { return trueLungVolumeMl; }
    public double truePatientFlowMlPerS() { return truePatientFlowMlPerS; }
    public double trueInspiredOxygenPercent() { return trueInspiredOxygenPercent; }
}
