package org.pneuma.safety.alarm;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathMeter;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.breath.BreathRecord;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.control.ControlStep;
import org.pneuma.safety.control.LeakEstimator;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The alarm monitor: the highest-priority task of the safety partition. It runs after the control
 * step every tick, reads the sensors itself, measures breaths with its own meter, watches the control
 * step's heartbeat and output, detects every {@link AlarmId alarm condition}, and has the last word
 * on the valves: it can end an inspiration (high pressure) or put the machine in the safe state
 * (control failure), or — when the expiratory valve cannot relieve a high or continuous pressure (a
 * blocked expiratory limb) — open the safety valve until the pressure is back near PEEP. It trusts nothing the control step computes — only which phase it is in, to
 * know where breaths begin and end. Its volumes are measured like the controller's (compensated for
 * circuit compliance and, with its own estimator, for leak), but from its own reading of the sensors.
 *
 * <h2>Rules and delays</h2>
 * <table>
 *   <caption>alarm rules</caption>
 *   <tr><th>alarm</th><th>condition</th><th>delay</th></tr>
 *   <tr><td>HIGH_PRESSURE</td><td>Y-piece pressure reaches the high-pressure limit, where the control step
 *       also ends the inspiration (clears 3 cmH2O below it)</td><td>1 ms</td></tr>
 *   <tr><td>CONTINUOUS_PRESSURE</td><td>pressure &gt; PEEP + 15 cmH2O without a break</td><td>15 s</td></tr>
 *   <tr><td>DISCONNECTION</td><td>Vte &lt; 15 % of Vti and PIP &lt; PEEP + half the set swing</td><td>2 breaths</td></tr>
 *   <tr><td>OCCLUSION</td><td>end-expiratory pressure &gt; PEEP + 5 (judged per breath), or Vti &lt; 20 % of the
 *       usual at full pressure (judged as each inspiration ends)</td><td>2 breaths / 2 inspirations</td></tr>
 *   <tr><td>APNEA</td><td>no breath other than a backup breath</td><td>apnea_s</td></tr>
 *   <tr><td>HIGH/LOW_VTE, HIGH/LOW_MV, HIGH_RATE, HIGH/LOW_PEEP</td><td>outside its limit</td><td>2 breaths</td></tr>
 *   <tr><td>HIGH/LOW_FIO2</td><td>5 s average of the O2 cell outside its limit (not in the 30 s after start or an FiO2 change)</td><td>10 s</td></tr>
 *   <tr><td>O2_SUPPLY_FAILURE</td><td>O2 flow &lt; half of what the O2 valve was asked for, counted only while
 *       more than 20 mL/s is asked (over as many breaths as it takes); clears after 1 s of at least 80 %</td><td>0.5 s</td></tr>
 *   <tr><td>SENSOR_FAULT</td><td>out of range; frozen 250 ms; limbs disagree by &gt; 5 cmH2O</td><td>1 ms / 250 ms / 200 ms</td></tr>
 *   <tr><td>CONTROL_FAILURE</td><td>heartbeat stopped; step threw; implausible command</td><td>20 ms / 0 / 5 ms</td></tr>
 * </table>
 *
 * <p>Safety thread only. {@link #step} never allocates, blocks or does I/O.
 */
public final class AlarmMonitor {
    static final int HIGH_PRESSURE_TICKS = 1;
    static final double HIGH_PRESSURE_HYSTERESIS_CMH2O = 3;
    static final long O2_SUPPLY_RESTORED_FOR_NS = 1_000_000_000L;
    /** High pressure still there this long after the relief to PEEP: the expiratory path is blocked. */
    static final long RELIEF_FAILED_AFTER_NS = 200_000_000L;
    /** The safety valve, once opened for pressure, closes when pressure is back within this of PEEP. */
    static final double VENTED_NEAR_PEEP_CMH2O = 2;
    static final double CONTINUOUS_ABOVE_PEEP_CMH2O = 15;
    static final long CONTINUOUS_FOR_NS = 15_000_000_000L;
    static final double DISCONNECTION_VTE_SHARE = 0.15;
    static final double OCCLUSION_TRAPPED_CMH2O = 5;
    static final double OCCLUSION_VTI_SHARE = 0.2;
    static final int BREATHS_IN_A_ROW = 2;
    static final double FIO2_AVERAGE_S = 5;
    static final long FIO2_FOR_NS = 10_000_000_000L;
    static final long FIO2_SETTLE_NS = 30_000_000_000L;
    static final double O2_SUPPLY_MIN_FLOW_ML_PER_S = 20;
    static final long O2_SUPPLY_FOR_NS = 500_000_000L;
    private static final int RATE_BREATHS = 4;

    private final Sensors sensors;
    private final ControlStep control;
    private final ValveCalibration valves;
    private final AlarmManager manager;
    private final ControlWatchdog watchdog = new ControlWatchdog();
    private final SensorCheck sensorCheck;
    private final BreathMeter meter;
    private final LeakEstimator leak;
    private final SensorFrame frame = new SensorFrame();
    private final double inspLimbR;
    private final double expLimbR;
    private final int[] inARow = new int[AlarmId.all().length];
    private final double[] recentDurationS = new double[RATE_BREATHS];

    private VentilationSettings settings;
    private AlarmLimits limits;
    private boolean started;
    private long fio2SettleUntilNs;
    private double pressure;
    private int highPressureTicks;
    private boolean relieving;
    private long highSinceNs;
    private boolean venting;
    private boolean ventedNearPeep;
    private boolean inspirationBegan;
    private long aboveContinuousSinceNs;
    private boolean aboveContinuous;
    private BreathPhase lastPhase = BreathPhase.EXPIRATION;
    private long lastOwnBreathNs;
    private double usualVtiMl;
    private double inspirationPeakCmH2O;
    private boolean lastInspirationBlocked;
    private int blockedInARow;
    private int trappedInARow;
    private int usualVtiBreaths;
    private int recentCount;
    private int recentNext;
    private double averageO2;
    private boolean o2Primed;
    private long fio2HighSinceNs;
    private long fio2LowSinceNs;
    private boolean fio2High;
    private boolean fio2Low;
    private long o2ShortForNs;
    private long o2SuppliedForNs;
    private boolean o2WasShort;
    private boolean o2WasSupplied;
    private long nowNs;

    public AlarmMonitor(Sensors sensors, ControlStep control, CircuitCalibration circuit, ValveCalibration valves,
                        AlarmManager manager, VentilationSettings settings, AlarmLimits limits) {
        this.sensors = sensors;
        this.control = control;
        this.valves = valves;
        this.manager = manager;
        this.settings = settings;
        this.limits = limits;
        this.inspLimbR = circuit.inspiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.expLimbR = circuit.expiratoryLimbResistanceCmH2OSPerL() / 1000.0;
        this.sensorCheck = new SensorCheck(inspLimbR, expLimbR);
        BreathListener onBreath = this::judgeBreath;
        this.meter = new BreathMeter(circuit.complianceMlPerCmH2O(), onBreath);
        this.leak = new LeakEstimator(circuit.complianceMlPerCmH2O());
    }

    /** New settings and limits, already validated together; FiO2 alarms wait for the cell to settle. */
    public void changeSettings(VentilationSettings newSettings, AlarmLimits newLimits) {
        if (newSettings.fio2Pct() != settings.fio2Pct()) fio2SettleUntilNs = nowNs + FIO2_SETTLE_NS;
        settings = newSettings;
        limits = newLimits;
    }

    /**
     * Judges one tick, after the control step wrote {@code command} (or failed to). Reads the sensors
     * itself. May overwrite {@code command}: the safe state after a control failure, a relief to PEEP
     * after high pressure.
     *
     * @param controlThrew the control step threw on this tick
     */
    public void step(long now, ValveCommand command, boolean controlThrew) {
        double dtS = started ? Math.clamp((now - nowNs) * 1e-9, 0, 0.01) : 0;
        nowNs = now;
        if (!started) {
            started = true;
            lastOwnBreathNs = now;
            fio2SettleUntilNs = now + FIO2_SETTLE_NS;
        }
        sensors.read(frame);
        double inflow = frame.inspiratoryFlowMlPerS();
        double outflow = frame.expiratoryFlowMlPerS;
        pressure = 0.5 * ((frame.inspiratoryPressureCmH2O - inflow * inspLimbR)
                + (frame.expiratoryPressureCmH2O + outflow * expLimbR));

        boolean failed = watchdog.check(now, control.heartbeat(), controlThrew, command);
        manager.condition(AlarmId.CONTROL_FAILURE, failed, now);
        manager.condition(AlarmId.SENSOR_FAULT, sensorCheck.faulty(now, frame), now);

        followBreaths(now, failed, inflow, outflow, dtS);
        watchPressure(now, command);
        watchOxygen(now, command, dtS);
        boolean apnoeic = now - lastOwnBreathNs >= (long) (settings.apneaS() * 1e9);
        manager.condition(AlarmId.APNEA, apnoeic, now);

        if (failed) command.safeState();
    }

    private void followBreaths(long now, boolean failed, double inflow, double outflow, double dtS) {
        meter.sample(pressure, inflow, outflow, leak.leakFlowMlPerS(pressure), frame.oxygenPercent, dtS);
        leak.sample(inflow - outflow, pressure, dtS);
        BreathPhase phase = failed ? BreathPhase.EXPIRATION : control.phase();
        inspirationBegan = phase == BreathPhase.INSPIRATION && lastPhase == BreathPhase.EXPIRATION;
        if (phase != lastPhase) {
            if (phase == BreathPhase.INSPIRATION) {
                leak.breathStarted(meter.smoothedPressureCmH2O(), meter.breathCount() > 0);
                meter.inspirationStarted(now, false, control.backupActive(), false);
                if (!control.backupActive()) lastOwnBreathNs = now;
            } else {
                meter.expirationStarted(now);
                judgeInspiration(now);
            }
            lastPhase = phase;
        }
        if (phase == BreathPhase.INSPIRATION) {
            inspirationPeakCmH2O = inspirationBegan ? pressure : Math.max(inspirationPeakCmH2O, pressure);
        }
    }

    /**
     * The blocked-tube rule, judged as each inspiration ends rather than with the whole breath: an
     * occlusion is known as soon as full pressure bought almost no volume, a breath sooner.
     */
    private void judgeInspiration(long now) {
        double swing = Math.max(5, targetAbovePeep());
        lastInspirationBlocked = usualVtiBreaths >= 2 && meter.lastVtiMl() < OCCLUSION_VTI_SHARE * usualVtiMl
                && inspirationPeakCmH2O >= settings.peepCmH2O() + swing - 2;
        blockedInARow = lastInspirationBlocked ? blockedInARow + 1 : 0;
        manager.condition(AlarmId.OCCLUSION, blockedInARow >= BREATHS_IN_A_ROW || trappedInARow >= BREATHS_IN_A_ROW, now);
    }

    private void watchPressure(long now, ValveCommand command) {
        highPressureTicks = pressure >= limits.highPressureCmH2O() ? highPressureTicks + 1 : 0;
        boolean high = highPressureTicks >= HIGH_PRESSURE_TICKS || (manager.conditionActive(AlarmId.HIGH_PRESSURE)
                && pressure > limits.highPressureCmH2O() - HIGH_PRESSURE_HYSTERESIS_CMH2O);
        if (high && !manager.conditionActive(AlarmId.HIGH_PRESSURE)) highSinceNs = now;
        manager.condition(AlarmId.HIGH_PRESSURE, high, now);
        if (high) relieving = true;
        if (control.phase() == BreathPhase.EXPIRATION && !high) relieving = false;
        if (relieving) {
            // End the inspiration now, whatever the control step thinks: shut the gas, vent to PEEP.
            command.airOpening = 0;
            command.oxygenOpening = 0;
            command.expiratoryPilotCmH2O = settings.peepCmH2O();
        }

        boolean above = pressure > settings.peepCmH2O() + CONTINUOUS_ABOVE_PEEP_CMH2O;
        if (above && !aboveContinuous) aboveContinuousSinceNs = now;
        aboveContinuous = above;
        boolean continuous = above && now - aboveContinuousSinceNs >= CONTINUOUS_FOR_NS;
        manager.condition(AlarmId.CONTINUOUS_PRESSURE, continuous, now);

        // The last resort against pressure the expiratory valve cannot let out: the safety valve.
        // It stays open until pressure is back near PEEP and a new breath begins: closing it as soon as
        // the pressure dips would let a blocked circuit fill again within milliseconds.
        if ((high && now - highSinceNs >= RELIEF_FAILED_AFTER_NS) || continuous) {
            venting = true;
            ventedNearPeep = false;
        }
        if (venting && pressure < settings.peepCmH2O() + VENTED_NEAR_PEEP_CMH2O) ventedNearPeep = true;
        if (venting && ventedNearPeep && inspirationBegan) venting = false;
        if (venting) {
            command.airOpening = 0;
            command.oxygenOpening = 0;
            command.safetyValveOpen = true;
        }
    }

    private void watchOxygen(long now, ValveCommand command, double dtS) {
        long dtNs = Math.round(dtS * 1e9);
        double o2 = frame.oxygenPercent;
        if (!o2Primed) {
            averageO2 = o2;
            o2Primed = true;
        } else {
            averageO2 += (o2 - averageO2) * Math.min(1, dtS / FIO2_AVERAGE_S);
        }
        boolean settled = now - fio2SettleUntilNs >= 0;
        boolean high = settled && averageO2 > limits.highFio2Pct();
        boolean low = settled && averageO2 < limits.lowFio2Pct();
        if (high && !fio2High) fio2HighSinceNs = now;
        if (low && !fio2Low) fio2LowSinceNs = now;
        fio2High = high;
        fio2Low = low;
        manager.condition(AlarmId.HIGH_FIO2, high && now - fio2HighSinceNs >= FIO2_FOR_NS, now);
        manager.condition(AlarmId.LOW_FIO2, low && now - fio2LowSinceNs >= FIO2_FOR_NS, now);

        // Judged only while enough O2 is asked for; once failed, the supply must show itself restored.
        double asked = command.oxygenOpening * valves.oxygenMaxFlowMlPerS();
        boolean judged = asked > O2_SUPPLY_MIN_FLOW_ML_PER_S;
        // Time counts only while judged: a breath's O2 demand may be shorter than either delay, so the
        // evidence adds up over breaths and is only reset by the opposite evidence.
        if (judged) {
            boolean shortOfO2 = frame.oxygenFlowMlPerS < 0.5 * asked;
            boolean supplied = frame.oxygenFlowMlPerS >= 0.8 * asked;
            // Durations run from the first tick of the evidence, as the other timed rules do.
            o2ShortForNs = shortOfO2 ? (o2WasShort ? o2ShortForNs + dtNs : 0) : 0;
            o2SuppliedForNs = supplied ? (o2WasSupplied ? o2SuppliedForNs + dtNs : 0) : 0;
            o2WasShort = shortOfO2;
            o2WasSupplied = supplied;
        }
        boolean failing = manager.conditionActive(AlarmId.O2_SUPPLY_FAILURE)
                ? o2SuppliedForNs < O2_SUPPLY_RESTORED_FOR_NS
                : o2ShortForNs >= O2_SUPPLY_FOR_NS;
        manager.condition(AlarmId.O2_SUPPLY_FAILURE, failing, now);
    }

    /** Per-breath rules, on the monitor's own measurement of the breath that just ended. */
    private void judgeBreath(BreathRecord b) {
        long now = nowNs;
        double swing = Math.max(5, targetAbovePeep());
        boolean disconnected = b.vteMl < DISCONNECTION_VTE_SHARE * Math.max(b.vtiMl, 1)
                && b.pipCmH2O < settings.peepCmH2O() + 0.5 * swing;
        boolean trapped = b.peepCmH2O > settings.peepCmH2O() + OCCLUSION_TRAPPED_CMH2O;
        if (!disconnected && !trapped && !lastInspirationBlocked && b.vtiMl > 0) {
            usualVtiMl = usualVtiBreaths == 0 ? b.vtiMl : usualVtiMl + 0.3 * (b.vtiMl - usualVtiMl);
            usualVtiBreaths++;
        }
        inARow(AlarmId.DISCONNECTION, disconnected, now);
        trappedInARow = trapped ? trappedInARow + 1 : 0;
        manager.condition(AlarmId.OCCLUSION, blockedInARow >= BREATHS_IN_A_ROW || trappedInARow >= BREATHS_IN_A_ROW, now);
        inARow(AlarmId.HIGH_VTE, b.vteMl > limits.highVteMl(), now);
        inARow(AlarmId.LOW_VTE, limits.lowVteMl() > 0 && b.vteMl < limits.lowVteMl(), now);
        inARow(AlarmId.HIGH_MV, b.minuteVolumeLpm > limits.highMvLpm(), now);
        inARow(AlarmId.LOW_MV, limits.lowMvLpm() > 0 && b.minuteVolumeLpm < limits.lowMvLpm(), now);
        inARow(AlarmId.HIGH_PEEP, b.peepCmH2O > limits.highPeepCmH2O(), now);
        inARow(AlarmId.LOW_PEEP, b.peepCmH2O < limits.lowPeepCmH2O(), now);

        recentDurationS[recentNext] = b.durationS();
        recentNext = (recentNext + 1) % RATE_BREATHS;
        recentCount = Math.min(recentCount + 1, RATE_BREATHS);
        double total = 0;
        for (int i = 0; i < recentCount; i++) total += recentDurationS[i];
        double rate = total > 0 ? 60.0 * recentCount / total : 0;
        inARow(AlarmId.HIGH_RATE, rate > limits.highRateBpm(), now);
    }

    private double targetAbovePeep() {
        return switch (settings.mode()) {
            case PC_CMV, PC_AC -> settings.dpCmH2O();
            case PSV -> control.backupActive() ? settings.dpCmH2O() : settings.psCmH2O();
            case VC_CMV, VC_AC -> 0;
        };
    }

    private void inARow(AlarmId id, boolean holds, long now) {
        int i = id.ordinal();
        inARow[i] = holds ? inARow[i] + 1 : 0;
        manager.condition(id, inARow[i] >= BREATHS_IN_A_ROW, now);
    }

    /** Y-piece pressure as the monitor estimates it from its own reading, cmH2O. */
    public double pressureCmH2O() {
        return pressure;
    }

    public boolean controlFailed() {
        return watchdog.failed();
    }

    /** The last breath as the monitor measured it. */
    public BreathRecord lastBreath() {
        return meter.lastBreath();
    }
}
