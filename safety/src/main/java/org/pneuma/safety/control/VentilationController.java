package org.pneuma.safety.control;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathMeter;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The ventilation control step: from one tick's sensor readings to one tick's valve command. Manages
 * air pressure (PC, PSV, PEEP), volume delivery (VC) and the oxygen mix, and measures every breath.
 *
 * <h2>How each breath is delivered</h2>
 * <ul>
 *   <li>Pressure-targeted inspiration: the target rises from PEEP to PEEP+ΔP (or +PS) over the rise
 *       time; a {@link PressureRegulator} sets inspiratory flow; the expiratory valve is piloted just
 *       above the target and vents any overshoot.</li>
 *   <li>Volume-targeted inspiration: constant flow for Ti, sized to give the set volume to the patient
 *       plus what the circuit compliance and the leak will take, corrected breath to breath by the
 *       measured inspired volume; the expiratory valve stays shut.</li>
 *   <li>Expiration: the expiratory valve holds PEEP; a bias flow (plus the estimated leak) keeps gas
 *       moving for flow triggering and the O2 sensor, and tops up PEEP if pressure sags.</li>
 * </ul>
 * The Y-piece pressure is estimated from both limb sensors, each corrected for its limb's resistance.
 *
 * <h2>Threading, allocation, failure</h2>
 * One control thread calls {@link #step} every tick (1 ms nominal) with a monotonic clock. It never
 * allocates, blocks, locks or does I/O. {@link #changeSettings} must be called on the same thread
 * with settings the {@code SettingsValidator} accepted. Readings are used as given; judging whether
 * a sensor is plausible is the alarm monitor's job.
 */
public final class VentilationController implements ControlStep {
    /** The expiratory valve relieves this far above a pressure target. */
    private static final double RELIEF_MARGIN_CMH2O = 1.0;
    /**
     * The highest pilot the expiratory valve ever gets during inspiration: a relief just above the
     * pressure-limit cycle and below the 80 cmH2O the patient must never see.
     */
    static final double RELIEF_LIMIT_CMH2O = 78;
    /** Above PEEP by more than this, expiration stops adding leak flow: the leak is over-estimated. */
    private static final double PEEP_OVERSHOOT_CMH2O = 0.3;
    /** Base flow during expiration, on top of the trigger sensitivity, mL/s. */
    private static final double BIAS_FLOW_ML_PER_S = 2.0 * 1000 / 60;
    /** Extra flow per cmH2O that PEEP sags below its set value, mL/s. */
    private static final double PEEP_SUPPORT_GAIN = 50;
    /** Time constant of the patient-flow estimate's pressure derivative, s. */
    private static final double DERIVATIVE_SMOOTHING_S = 0.02;
    /** Breath-to-breath correction of delivered volume (share of the error per breath). */
    private static final double VOLUME_CORRECTION_GAIN = 0.5;
    /** The longest tick we integrate over; a longer gap (a stall) is not extrapolated. */
    private static final double MAX_DT_S = 0.01;

    private final ValveCalibration valves;
    private final double maxInflowMlPerS;
    private final CircuitCalibration circuit;
    private final double inspLimbR;
    private final double expLimbR;

    private final BreathSequencer sequencer = new BreathSequencer();
    private final PressureRegulator pressureRegulator;
    private final OxygenBlender blender = new OxygenBlender();
    private final LeakEstimator leak;
    private final BreathMeter meter;

    private VentilationSettings settings;
    private VentilationSettings pending;
    private boolean firstStep = true;
    private long heartbeat;
    private boolean previousPressureLimited;
    private long lastNs;

    private double pressure;
    private double filteredPressure;
    private double pressureSlope;
    private double patientFlow;
    private double target;
    private double volumeFlowMlPerS;
    private double volumeCorrectionMl;
    private double lastPressureRiseCmH2O = 15;
    private double lastLeakVolumeMl;

    public VentilationController(VentilationSettings settings, CircuitCalibration circuit,
                                 ValveCalibration valves, BreathListener listener) {
        this.settings = settings;
        this.circuit = circuit;
        this.valves = valves;
        this.maxInflowMlPerS = valves.airMaxFlowMlPerS() + valves.oxygenMaxFlowMlPerS();
        this.inspLimbR = circuit.inspiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.expLimbR = circuit.expiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.pressureRegulator = new PressureRegulator(maxInflowMlPerS);
        this.leak = new LeakEstimator(circuit.complianceMlPerCmH2O());
        this.meter = new BreathMeter(circuit.complianceMlPerCmH2O(), listener);
    }

    /** One control step: from sensor readings to valve command. Never allocates. */
    @Override
    public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
        double dtS = firstStep ? 0 : Math.min(MAX_DT_S, Math.max(0, (nowNs - lastNs) * 1e-9));
        lastNs = nowNs;
        VentilationSettings s = settings;

        double inflow = sensors.inspiratoryFlowMlPerS();
        double outflow = sensors.expiratoryFlowMlPerS;
        pressure = 0.5 * ((sensors.inspiratoryPressureCmH2O - inflow * inspLimbR)
                + (sensors.expiratoryPressureCmH2O + outflow * expLimbR));
        estimatePatientFlow(inflow, outflow, dtS);
        double leakFlow = leak.leakFlowMlPerS(pressure);
        meter.sample(pressure, inflow, outflow, leakFlow, sensors.oxygenPercent, dtS);
        leak.sample(inflow - outflow, pressure, dtS);

        // A breath is cycled by the settings it started with; the next one is triggered, typed and
        // timed by the settings it will be delivered with.
        VentilationSettings timing = sequencer.phase() == BreathPhase.EXPIRATION && pending != null ? pending : s;
        BreathSequencer.Transition transition = sequencer.step(nowNs, timing, patientFlow, pressure, target);
        if (transition == BreathSequencer.Transition.INSPIRATION_STARTED) {
            beginInspiration(nowNs);
            s = settings;
        } else if (transition == BreathSequencer.Transition.EXPIRATION_STARTED) {
            meter.expirationStarted(nowNs);
            previousPressureLimited = sequencer.pressureLimited();
        }

        double totalFlow;
        if (sequencer.phase() == BreathPhase.INSPIRATION) {
            totalFlow = inspiration(nowNs, s, out, outflow, dtS);
        } else {
            totalFlow = expiration(s, out);
        }
        blender.blend(totalFlow, s.fio2Pct(), sensors.oxygenPercent, dtS);
        out.airOpening = Math.clamp(blender.airFlowMlPerS() / valves.airMaxFlowMlPerS(), 0, 1);
        out.oxygenOpening = Math.clamp(blender.oxygenFlowMlPerS() / valves.oxygenMaxFlowMlPerS(), 0, 1);
        out.safetyValveOpen = false;
        firstStep = false;
        heartbeat++;
    }

    @Override
    public long heartbeat() {
        return heartbeat;
    }

    /** Ends any inspiration at the high-pressure alarm limit (75 cmH2O at most). */
    public void changeAlarmLimits(org.pneuma.safety.settings.AlarmLimits limits) {
        sequencer.pressureLimit(limits.highPressureCmH2O());
    }

    private void estimatePatientFlow(double inflow, double outflow, double dtS) {
        if (firstStep) {
            filteredPressure = pressure;
        } else if (dtS > 0) {
            double previous = filteredPressure;
            double blend = Math.min(1, dtS / DERIVATIVE_SMOOTHING_S);
            filteredPressure += (pressure - filteredPressure) * blend;
            pressureSlope += ((filteredPressure - previous) / dtS - pressureSlope) * blend;
        }
        patientFlow = inflow - outflow - circuit.complianceMlPerCmH2O() * pressureSlope
                - leak.leakFlowMlPerS(pressure);
    }

    private void beginInspiration(long nowNs) {
        // The first breath follows the lung's filling to PEEP: that inflow is no leak.
        leak.breathStarted(meter.smoothedPressureCmH2O(), meter.breathCount() > 0);
        if (pending != null) {
            settings = pending;
            pending = null;
        }
        BreathType type = sequencer.breathType();
        boolean lastBreathPressureLimited = previousPressureLimited;
        meter.inspirationStarted(nowNs, sequencer.patientTriggered(), sequencer.backup(),
                type == BreathType.PRESSURE_SUPPORT);
        // A breath the pressure limit cut short says nothing about the volume the valves deliver:
        // learning from it would raise the flow and reach the limit sooner each breath.
        if (meter.breathCount() > 0 && type == BreathType.VOLUME_CONTROL && !lastBreathPressureLimited) {
            lastPressureRiseCmH2O = Math.max(0, meter.lastEndInspiratoryCmH2O() - settings.peepCmH2O());
            double error = settings.vtMl() - meter.lastVtiMl();
            volumeCorrectionMl = Math.clamp(volumeCorrectionMl + VOLUME_CORRECTION_GAIN * error,
                    -0.5 * settings.vtMl(), 0.5 * settings.vtMl());
        }
        lastLeakVolumeMl = leak.leakFlowMlPerS(settings.peepCmH2O() + lastPressureRiseCmH2O) * settings.tiS();
        double volume = settings.vtMl() + circuit.complianceMlPerCmH2O() * lastPressureRiseCmH2O
                + lastLeakVolumeMl + volumeCorrectionMl;
        volumeFlowMlPerS = Math.clamp(volume / settings.tiS(), 0, maxInflowMlPerS);
        pressureRegulator.reset();
    }

    private double inspiration(long nowNs, VentilationSettings s, ValveCommand out, double ventedMlPerS, double dtS) {
        BreathType type = sequencer.breathType();
        if (type == BreathType.VOLUME_CONTROL) {
            target = s.peepCmH2O();
            out.expiratoryPilotCmH2O = RELIEF_LIMIT_CMH2O;
            return volumeFlowMlPerS;
        }
        double above = type == BreathType.PRESSURE_SUPPORT ? s.psCmH2O() : s.dpCmH2O();
        double inPhaseS = (nowNs - sequencer.phaseStartNs()) * 1e-9;
        double ramp = s.riseTimeS() > 0 ? Math.min(1, inPhaseS / s.riseTimeS()) : 1;
        target = s.peepCmH2O() + above * ramp;
        out.expiratoryPilotCmH2O = Math.min(target + RELIEF_MARGIN_CMH2O, RELIEF_LIMIT_CMH2O);
        // Only flow the relief valve can be venting counts as excess: a frozen or noisy expiratory
        // flow sensor must not drain the regulator while the pressure is below the relief.
        double vented = pressure > target + 0.5 * RELIEF_MARGIN_CMH2O ? ventedMlPerS : 0;
        return pressureRegulator.flowMlPerS(target, pressure, leak.leakFlowMlPerS(target), vented, dtS);
    }

    private double expiration(VentilationSettings s, ValveCommand out) {
        target = s.peepCmH2O();
        out.expiratoryPilotCmH2O = s.peepCmH2O();
        double sag = Math.max(0, s.peepCmH2O() - pressure);
        double overshoot = pressure - s.peepCmH2O() - PEEP_OVERSHOOT_CMH2O;
        double leakShare = Math.clamp(1 - overshoot, 0, 1);
        return biasFlow(s) + leak.leakFlowMlPerS(s.peepCmH2O()) * leakShare + PEEP_SUPPORT_GAIN * sag;
    }

    private static double biasFlow(VentilationSettings s) {
        return BIAS_FLOW_ML_PER_S + (s.mode().patientTriggered() ? s.flowTriggerLpm() * 1000 / 60 : 0);
    }

    /**
     * Replaces the settings (already accepted by the validator). They take effect at the start of the
     * next breath, so a breath is never delivered half with the old and half with the new settings;
     * FiO2 and PEEP act at once.
     */
    public void changeSettings(VentilationSettings accepted) {
        boolean reset = accepted.vtMl() != settings.vtMl() || accepted.mode() != settings.mode();
        settings = settings.toBuilder().fio2(accepted.fio2Pct()).peep(accepted.peepCmH2O()).build();
        pending = accepted;
        if (reset) volumeCorrectionMl = 0;
    }

    public VentilationSettings settings() { return pending != null ? pending : settings; }
    @Override
    public BreathPhase phase() { return sequencer.phase(); }
    public BreathType breathType() { return sequencer.breathType(); }
    /** Estimated pressure at the patient connection, cmH2O. */
    public double airwayPressureCmH2O() { return pressure; }
    /** Estimated flow into the patient (negative out), mL/s. */
    public double patientFlowMlPerS() { return patientFlow; }
    /** Estimated volume delivered to the patient since the start of this breath, mL. */
    public double breathVolumeMl() { return meter.volumeSinceInspirationMl(); }
    /** Whether PSV apnea backup is ventilating. */
    @Override
    public boolean backupActive() { return sequencer.backup(); }
    /** Pressure target now, cmH2O. */
    public double targetCmH2O() { return target; }
    public BreathMeter meter() { return meter; }
    public LeakEstimator leakEstimator() { return leak; }
    public OxygenBlender blender() { return blender; }
}
