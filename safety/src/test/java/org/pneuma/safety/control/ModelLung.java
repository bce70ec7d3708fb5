package org.pneuma.safety.control;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;

/**
 * A small patient and circuit for driving the controller: the circuit is one compliance at the
 * Y-piece, the lung a compliance behind an airway resistance, the expiratory valve vents above its
 * pilot pressure, an optional orifice leaks at the Y-piece, and an optional breathing effort pulls
 * on the lung (muscle pressure, half a sine of {@code effortCmH2O} for 0.6 s every
 * {@code effortPeriodS}).
 *
 * <p>Its sensors read the flows of the last tick and the pressure now, without noise or limb
 * resistance. Advancing and reading allocate nothing.
 */
final class ModelLung {
    static final double CIRCUIT_COMPLIANCE = 2.0;
    private static final double LUNG_COMPLIANCE = 50.0;
    /** 10 cmH2O/(L/s). */
    private static final double AIRWAY_RESISTANCE = 0.01;
    /** mL/s per cmH2O above the pilot. */
    private static final double VALVE_CONDUCTANCE = 200;
    private static final int SUBSTEPS = 10;

    private final ValveCalibration valves;
    double leakOrificeMlPerSPerSqrtCmH2O;
    double effortCmH2O;
    double effortPeriodS = 5;

    private double timeS;
    private double circuitPressure;
    private double lungVolumeMl;
    private double airFlow;
    private double oxygenFlow;
    private double expiratoryFlow;
    private double oxygenPercent = 20.9;
    private double lungInflowMl;

    ModelLung(ValveCalibration valves) {
        this.valves = valves;
    }

    void advance(ValveCommand c, double dtS) {
        airFlow = c.airOpening * valves.airMaxFlowMlPerS();
        oxygenFlow = c.oxygenOpening * valves.oxygenMaxFlowMlPerS();
        double inflow = airFlow + oxygenFlow;
        double h = dtS / SUBSTEPS;
        double vented = 0;
        for (int i = 0; i < SUBSTEPS; i++) {
            double out = Math.max(0, circuitPressure - c.expiratoryPilotCmH2O) * VALVE_CONDUCTANCE;
            if (c.safetyValveOpen) out += Math.max(0, circuitPressure) * VALVE_CONDUCTANCE;
            double leak = leakOrificeMlPerSPerSqrtCmH2O * Math.sqrt(Math.max(0, circuitPressure));
            double alveolar = lungVolumeMl / LUNG_COMPLIANCE - muscle();
            double toLung = (circuitPressure - alveolar) / AIRWAY_RESISTANCE;
            circuitPressure += (inflow - out - leak - toLung) * h / CIRCUIT_COMPLIANCE;
            lungVolumeMl += toLung * h;
            lungInflowMl += Math.max(0, toLung) * h;
            vented += out;
            timeS += h;
        }
        expiratoryFlow = vented / SUBSTEPS;
        if (inflow > 1) oxygenPercent = (20.9 * airFlow + 100 * oxygenFlow) / inflow;
    }

    private double muscle() {
        if (effortCmH2O == 0) return 0;
        double phase = timeS % effortPeriodS;
        return phase < 0.6 ? effortCmH2O * Math.sin(Math.PI * phase / 0.6) : 0;
    }

    void read(SensorFrame f) {
        f.airFlowMlPerS = airFlow;
        f.oxygenFlowMlPerS = oxygenFlow;
        f.expiratoryFlowMlPerS = expiratoryFlow;
        f.inspiratoryPressureCmH2O = circuitPressure;
        f.expiratoryPressureCmH2O = circuitPressure;
        f.oxygenPercent = oxygenPercent;
    }

    double circuitPressure() {
        return circuitPressure;
    }

    /** Volume that has flowed into the lung so far (inspiratory direction only), mL. */
    double lungInflowMl() {
        return lungInflowMl;
    }
}
