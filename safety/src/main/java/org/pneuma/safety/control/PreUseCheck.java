package org.pneuma.safety.control;

import java.util.function.LongConsumer;
import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;
import org.pneuma.hal.Valves;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;

/**
 * The pre-use check of the breathing circuit, run with the Y-piece capped: it measures the circuit
 * compliance that {@link VentilationController} compensates for. Seal the circuit, push a known
 * volume of air in, read how far the pressure rose, vent.
 *
 * <p>A step function like the controller: call {@link #step} every tick until {@link #done()}.
 * Single-threaded; allocation-free while stepping.
 */
public final class PreUseCheck {
    private static final double TEST_FLOW_ML_PER_S = 100;
    private static final long BASELINE_END_NS = 100_000_000L;
    private static final long FILL_END_NS = 300_000_000L;
    private static final long SETTLE_END_NS = 380_000_000L;
    private static final long VENT_END_NS = 500_000_000L;
    private static final double MIN_PRESSURE_RISE_CMH2O = 1.0;

    private final ValveCalibration valves;
    private final CircuitCalibration nominal;
    private long startNs = Long.MIN_VALUE;
    private long lastNs;
    private double baselineSum;
    private int baselineCount;
    private double injectedMl;
    private double plateauSum;
    private int plateauCount;
    private boolean done;
    private CircuitCalibration result;
    private String failure;

    public PreUseCheck(ValveCalibration valves, CircuitCalibration nominal) {
        this.valves = valves;
        this.nominal = nominal;
    }

    public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
        if (startNs == Long.MIN_VALUE) {
            startNs = nowNs;
            lastNs = nowNs;
        }
        long t = nowNs - startNs;
        double dtS = (nowNs - lastNs) * 1e-9;
        lastNs = nowNs;
        double pressure = 0.5 * (sensors.inspiratoryPressureCmH2O + sensors.expiratoryPressureCmH2O);

        out.safetyValveOpen = false;
        out.oxygenOpening = 0;
        out.expiratoryPilotCmH2O = ValveCommand.EXPIRATORY_VALVE_SHUT_CMH2O;
        out.airOpening = 0;
        injectedMl += sensors.inspiratoryFlowMlPerS() * dtS;
        if (t < BASELINE_END_NS) {
            baselineSum += pressure;
            baselineCount++;
            injectedMl = 0;
        } else if (t < FILL_END_NS) {
            out.airOpening = TEST_FLOW_ML_PER_S / valves.airMaxFlowMlPerS();
        } else if (t < SETTLE_END_NS) {
            if (t > SETTLE_END_NS - 30_000_000L) {
                plateauSum += pressure;
                plateauCount++;
            }
        } else if (t < VENT_END_NS) {
            out.expiratoryPilotCmH2O = 0;
        } else if (!done) {
            finish();
        }
    }

    private void finish() {
        done = true;
        double rise = plateauSum / Math.max(1, plateauCount) - baselineSum / Math.max(1, baselineCount);
        if (rise < MIN_PRESSURE_RISE_CMH2O) {
            failure = "circuit leak: pressure rose only %.2f cmH2O for %.1f mL injected".formatted(rise, injectedMl);
            result = nominal;
            return;
        }
        double compliance = injectedMl / rise;
        if (compliance > 20) {
            failure = "circuit compliance %.2f mL/cmH2O is implausible".formatted(compliance);
            result = nominal;
            return;
        }
        result = nominal.withCompliance(compliance);
    }

    public boolean done() {
        return done;
    }

    /** The calibration to ventilate with: measured, or the nominal one if the check failed. */
    public CircuitCalibration result() {
        if (!done) throw new IllegalStateException("pre-use check still running");
        return result;
    }

    /** Why the check failed, or null if it passed. */
    public String failure() {
        return failure;
    }

    /** How long the check runs, ns. */
    public static long durationNs() {
        return VENT_END_NS + 1_000_000L;
    }

    /**
     * Runs the whole check in simulated time against a circuit whose patient connection is capped: reads
     * {@code sensors}, steps, drives {@code valves}, and lets {@code advanceNs} move the circuit on one tick, until
     * done. For simulated hardware (the pre-use check of a simulated ventilator); real hardware runs it tick by tick.
     *
     * @throws IllegalStateException if it does not finish within its duration and a second
     */
    public static PreUseCheck runInSimulatedTime(Sensors sensors, Valves valves, LongConsumer advanceNs,
                                                 ValveCalibration calibration, long tickNs) {
        PreUseCheck check = new PreUseCheck(calibration, CircuitCalibration.NOMINAL);
        SensorFrame frame = new SensorFrame();
        ValveCommand command = new ValveCommand();
        long limitNs = durationNs() + 1000 * tickNs;
        for (long t = 0; !check.done(); t += tickNs) {
            if (t > limitNs) throw new IllegalStateException("pre-use check did not finish within " + limitNs / 1e9 + " s");
            sensors.read(frame);
            check.step(t, frame, command);
            valves.apply(command);
            advanceNs.accept(tickNs);
        }
        return check;
    }
}
