package org.pneuma.safety.control;

import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.TriggerType;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * Decides when breaths begin and end: the timer and the patient's effort start them (trigger), time
 * or falling flow ends them (cycle). It says nothing about how a breath is delivered.
 *
 * <ul>
 *   <li>CMV: a breath every 60/rate s; efforts are ignored.</li>
 *   <li>AC: as CMV, but an effort after the refractory period starts the breath early and restarts
 *       the timer.</li>
 *   <li>PSV: only efforts start breaths, which end when flow falls to the cycle-off share of its
 *       peak. After {@code apnea_s} without a breath, pressure-controlled backup breaths follow at
 *       the set rate until the patient triggers again.</li>
 * </ul>
 *
 * <p>Single-threaded; allocation-free.
 */
public final class BreathSequencer {
    /** No trigger this soon after expiration starts: the patient is still exhaling. */
    private static final long REFRACTORY_NS = 300_000_000L;
    /**
     * No trigger in the first second after start: the lung filling to PEEP draws flow that looks like
     * an inspiratory effort.
     */
    private static final long START_UP_NS = 1_000_000_000L;
    /** A trigger condition must hold this many consecutive ticks (rejects sensor noise). */
    private static final int TRIGGER_TICKS = 3;
    /** PSV breaths last at least this long, so the initial flow peak can be seen. */
    private static final long MIN_SUPPORTED_TI_NS = 250_000_000L;
    /** PSV breaths end after this long whatever the flow (a leak can keep flow up). */
    private static final long MAX_SUPPORTED_TI_NS = 2_500_000_000L;
    /** PSV breaths end if the patient pushes the pressure this far above target. */
    private static final double SUPPORTED_OVERPRESSURE_CMH2O = 3.0;

    /**
     * The highest pressure limit, cmH2O: whatever the alarm limit, any inspiration ends here (with the
     * expiratory valve's relief just above it, the patient never sees more than 80).
     */
    public static final double PRESSURE_LIMIT_CYCLE_CMH2O = 75;

    private double pressureLimitCmH2O = PRESSURE_LIMIT_CYCLE_CMH2O;

    /** What a step decided. */
    public enum Transition { NONE, INSPIRATION_STARTED, EXPIRATION_STARTED }

    private BreathPhase phase = BreathPhase.EXPIRATION;
    private BreathType breathType = BreathType.PRESSURE_CONTROL;
    private boolean started;
    private long startNs;
    private long phaseStartNs;
    private long lastBreathStartNs;
    private long firstBreathDueNs;
    private boolean breathsStarted;
    private boolean backup;
    private boolean patientTriggered;
    private boolean pressureLimited;
    private int triggerTicks;
    private double peakInspiratoryFlowMlPerS;

    /**
     * Advances the breath cycle to {@code nowNs}.
     *
     * @param patientFlowMlPerS estimated flow into the patient (effort shows as positive flow)
     * @param pressureCmH2O     estimated Y-piece pressure
     * @param targetCmH2O       pressure target of the current inspiration (pressure-targeted breaths)
     */
    public Transition step(long nowNs, VentilationSettings s, double patientFlowMlPerS,
                           double pressureCmH2O, double targetCmH2O) {
        if (!started) {
            started = true;
            startNs = nowNs;
            phaseStartNs = nowNs;
            lastBreathStartNs = nowNs;
            firstBreathDueNs = nowNs + secondsToNs(Math.min(s.teS(), 1.0));
        }
        long inPhaseNs = nowNs - phaseStartNs;
        if (phase == BreathPhase.INSPIRATION) {
            return shouldCycle(s, inPhaseNs, patientFlowMlPerS, pressureCmH2O, targetCmH2O)
                    ? startExpiration(nowNs) : Transition.NONE;
        }
        boolean effort = s.mode().patientTriggered() && inPhaseNs >= refractoryNs(s)
                && nowNs - startNs >= START_UP_NS && effortDetected(s, patientFlowMlPerS, pressureCmH2O);
        if (effort) {
            boolean supported = s.mode() == Mode.PSV;
            backup = false;
            return startInspiration(nowNs, s, supported ? BreathType.PRESSURE_SUPPORT : mandatoryType(s), true);
        }
        if (s.mode() == Mode.PSV && !backup && nowNs - lastBreathStartNs >= secondsToNs(s.apneaS())) {
            backup = true;
            return startInspiration(nowNs, s, BreathType.PRESSURE_CONTROL, false);
        }
        // Due one period (of the settings in force now) after the last breath began: a rate change
        // moves the next breath at once.
        long mandatoryDueNs = breathsStarted ? lastBreathStartNs + secondsToNs(s.breathPeriodS()) : firstBreathDueNs;
        if ((s.mode() != Mode.PSV || backup) && nowNs - mandatoryDueNs >= 0) {
            return startInspiration(nowNs, s, mandatoryType(s), false);
        }
        return Transition.NONE;
    }

    private boolean shouldCycle(VentilationSettings s, long inPhaseNs, double patientFlow,
                                double pressure, double target) {
        if (pressure >= pressureLimitCmH2O) {
            pressureLimited = true;
            return true;
        }
        if (breathType != BreathType.PRESSURE_SUPPORT) {
            return inPhaseNs >= secondsToNs(s.tiS());
        }
        peakInspiratoryFlowMlPerS = Math.max(peakInspiratoryFlowMlPerS, patientFlow);
        if (inPhaseNs >= MAX_SUPPORTED_TI_NS) return true;
        if (inPhaseNs < MIN_SUPPORTED_TI_NS) return false;
        return patientFlow <= peakInspiratoryFlowMlPerS * s.cycleOffPct() / 100.0
                || pressure > target + SUPPORTED_OVERPRESSURE_CMH2O;
    }

    private boolean effortDetected(VentilationSettings s, double patientFlow, double pressure) {
        boolean now = s.trigger() == TriggerType.FLOW
                ? patientFlow > s.flowTriggerLpm() * 1000.0 / 60.0
                : pressure < s.peepCmH2O() - s.pressureTriggerCmH2O();
        triggerTicks = now ? triggerTicks + 1 : 0;
        return triggerTicks >= TRIGGER_TICKS;
    }

    private static long refractoryNs(VentilationSettings s) {
        return Math.min(REFRACTORY_NS, secondsToNs(0.5 * s.teS()));
    }

    private static BreathType mandatoryType(VentilationSettings s) {
        return s.mode().volumeTargeted() ? BreathType.VOLUME_CONTROL : BreathType.PRESSURE_CONTROL;
    }

    private Transition startInspiration(long nowNs, VentilationSettings s, BreathType type, boolean triggered) {
        if (s.mode() != Mode.PSV) backup = false;
        phase = BreathPhase.INSPIRATION;
        breathType = type;
        pressureLimited = false;
        patientTriggered = triggered;
        phaseStartNs = nowNs;
        lastBreathStartNs = nowNs;
        breathsStarted = true;
        peakInspiratoryFlowMlPerS = 0;
        triggerTicks = 0;
        return Transition.INSPIRATION_STARTED;
    }

    private Transition startExpiration(long nowNs) {
        phase = BreathPhase.EXPIRATION;
        phaseStartNs = nowNs;
        triggerTicks = 0;
        return Transition.EXPIRATION_STARTED;
    }

    /** Inspiration ends when pressure reaches {@code limitCmH2O} (the high-pressure alarm limit), at most 75. */
    public void pressureLimit(double limitCmH2O) {
        pressureLimitCmH2O = Math.min(PRESSURE_LIMIT_CYCLE_CMH2O, limitCmH2O);
    }

    static long secondsToNs(double s) {
        return (long) (s * 1e9);
    }

    public BreathPhase phase() { return phase; }
    public BreathType breathType() { return breathType; }
    public long phaseStartNs() { return phaseStartNs; }
    public boolean backup() { return backup; }
    public boolean patientTriggered() { return patientTriggered; }
    /** Whether the current (or last) inspiration was ended by the pressure limit. */
    public boolean pressureLimited() { return pressureLimited; }
}
