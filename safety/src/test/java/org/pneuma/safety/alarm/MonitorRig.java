package org.pneuma.safety.alarm;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.alarm.fake.FakeControlStep;
import org.pneuma.safety.alarm.fake.ScriptedSensors;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * An {@link AlarmMonitor} on scripted sensors and a fake control step, ticked every millisecond as the
 * safety partition does: the control step writes the command, then the monitor judges the tick and may
 * overrule it.
 *
 * <p>The circuit has (unless a test gives another) no compliance and no limb resistance, so the monitor's Y-piece pressure is the
 * limbs' reading and a breath's volumes are its flows integrated. Breaths are scripted phase by phase;
 * the sensors lag the phase by one tick, as real ones do (the tick that starts a phase still reads the
 * previous one).
 */
final class MonitorRig {
    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;
    /** An arbitrary clock origin: nothing may assume time starts at zero. */
    static final long ORIGIN_NS = 3_600 * S;
    static final CircuitCalibration CIRCUIT = new CircuitCalibration(0, 0, 0);

    final ScriptedSensors sensors = new ScriptedSensors();
    final FakeControlStep control = new FakeControlStep();
    final RecordedAlarms log = new RecordedAlarms();
    final AlarmManager manager = new AlarmManager(log);
    final ValveCommand command = new ValveCommand();
    final AlarmMonitor monitor;
    final VentilationSettings settings;
    final AlarmLimits limits;
    private final SensorFrame controlFrame = new SensorFrame();
    /** Time of the next tick. */
    long nowNs = ORIGIN_NS;
    /** Time of the last tick run. */
    long lastTickNs;

    MonitorRig() {
        this(VentilationSettings.DEFAULTS);
    }

    MonitorRig(VentilationSettings settings) {
        this(settings, AlarmLimits.defaultsFor(settings));
    }

    MonitorRig(VentilationSettings settings, AlarmLimits limits) {
        this(settings, limits, CIRCUIT);
    }

    MonitorRig(VentilationSettings settings, AlarmLimits limits, CircuitCalibration circuit) {
        this.settings = settings;
        this.limits = limits;
        this.monitor = new AlarmMonitor(sensors, control, circuit, ValveCalibration.STANDARD, manager, settings, limits);
        sensors.pressure(settings.peepCmH2O());
        sensors.oxygenPercent = settings.fio2Pct();
        control.expiratoryPilotCmH2O = settings.peepCmH2O();
    }

    /** One tick: the control step (a throw is caught and reported, as the partition does), then the monitor. */
    void tick() {
        boolean threw = false;
        try {
            control.step(nowNs, controlFrame, command);
        } catch (IllegalStateException failure) {
            threw = true;
        }
        monitor.step(nowNs, command, threw);
        lastTickNs = nowNs;
        nowNs += MS;
    }

    void runMs(long ms) {
        for (long i = 0; i < ms; i++) tick();
    }

    /** Ticks until {@code id}'s condition holds; the time it was raised, or -1 if not within {@code maxMs}. */
    long runUntilRaisedMs(AlarmId id, long maxMs) {
        for (long i = 0; i < maxMs; i++) {
            tick();
            if (manager.conditionActive(id)) return lastTickNs;
        }
        return -1;
    }

    boolean active(AlarmId id) {
        return manager.conditionActive(id);
    }

    /** The control step in {@code phase} for {@code ms}; from the next tick on the sensors read as given. */
    void phase(BreathPhase phase, long ms, double pressureCmH2O, double inflowMlPerS, double outflowMlPerS) {
        control.phase = phase;
        for (long i = 0; i < ms; i++) {
            tick();
            sensors.pressure(pressureCmH2O);
            sensors.airFlowMlPerS = inflowMlPerS;
            sensors.expiratoryFlowMlPerS = outflowMlPerS;
        }
    }

    /**
     * One breath: inspiration of {@code vtiMl} at {@code pipCmH2O} for {@code tiMs}, then expiration of
     * {@code vteMl} for {@code teMs} ending at {@code peepCmH2O}. The monitor judges it when the next
     * breath begins.
     */
    void breath(long tiMs, double pipCmH2O, double vtiMl, long teMs, double peepCmH2O, double vteMl) {
        phase(BreathPhase.INSPIRATION, tiMs, pipCmH2O, vtiMl / (tiMs * 1e-3), 0);
        phase(BreathPhase.EXPIRATION, teMs, peepCmH2O, 0, vteMl / (teMs * 1e-3));
    }

    /** A breath of the default settings that no alarm objects to: 500 mL in 1 s at 20 cmH2O, 3 s out to PEEP 5. */
    void normalBreath() {
        breath(1_000, 20, 500, 3_000, 5, 500);
    }

    /** Starts an inspiration, which ends the breath before it: the monitor judges that one now. */
    void judgeLastBreath() {
        control.phase = BreathPhase.INSPIRATION;
        tick();
    }
}
