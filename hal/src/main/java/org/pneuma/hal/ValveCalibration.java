package org.pneuma.hal;

/**
 * Factory calibration of the inspiratory valves: the flow each gives fully open from its supply.
 * The controller turns flow demands into valve openings with it; volumes and the leak are judged on
 * the flow sensors, so a calibration error shows up in the measured breath, not unseen.
 */
public record ValveCalibration(double airMaxFlowMlPerS, double oxygenMaxFlowMlPerS) {
    /** 180 L/min per gas, the peak flow of an ICU ventilator. */
    public static final ValveCalibration STANDARD = new ValveCalibration(3000, 3000);

    public ValveCalibration {
        if (!(airMaxFlowMlPerS > 0) || !(oxygenMaxFlowMlPerS > 0)) {
            throw new IllegalArgumentException("valve max flows must be > 0");
        }
    }
}
