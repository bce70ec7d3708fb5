package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;

/**
 * Sensors that read what the test sets. A live sensor never repeats itself exactly for long, so by
 * default every reading is dithered: every other read adds {@value #DITHER} to every field (the same
 * amount to both pressures, so the limbs keep agreeing). A test about exact values switches the
 * dither off; one about a frozen sensor freezes that field alone.
 */
public final class ScriptedSensors implements Sensors {
    public static final double DITHER = 1e-9;

    public double inspiratoryPressureCmH2O;
    public double expiratoryPressureCmH2O;
    public double airFlowMlPerS;
    public double oxygenFlowMlPerS;
    public double expiratoryFlowMlPerS;
    public double oxygenPercent = 40;
    public boolean dither = true;
    /** A field that is not dithered (reads exactly as set), or null. */
    public Field frozen;
    private long reads;

    /** The fields of a {@link SensorFrame}. */
    public enum Field { INSPIRATORY_PRESSURE, EXPIRATORY_PRESSURE, AIR_FLOW, OXYGEN_FLOW, EXPIRATORY_FLOW, OXYGEN_PERCENT }

    /** Both limbs read {@code cmH2O}. */
    public ScriptedSensors pressure(double cmH2O) {
        inspiratoryPressureCmH2O = cmH2O;
        expiratoryPressureCmH2O = cmH2O;
        return this;
    }

    /** From the next read, {@code field} reads a value it has not read before, and repeats it exactly. */
    public void freeze(Field field) {
        frozen = field;
        switch (field) {
            case INSPIRATORY_PRESSURE -> inspiratoryPressureCmH2O += 0.5;
            case EXPIRATORY_PRESSURE -> expiratoryPressureCmH2O += 0.5;
            case AIR_FLOW -> airFlowMlPerS += 0.5;
            case OXYGEN_FLOW -> oxygenFlowMlPerS += 0.5;
            case EXPIRATORY_FLOW -> expiratoryFlowMlPerS += 0.5;
            case OXYGEN_PERCENT -> oxygenPercent += 0.5;
        }
    }

    @Override
    public void read(SensorFrame frame) {
        double d = dither && (reads++ & 1) == 1 ? DITHER : 0;
        frame.inspiratoryPressureCmH2O = inspiratoryPressureCmH2O + dither(Field.INSPIRATORY_PRESSURE, d);
        frame.expiratoryPressureCmH2O = expiratoryPressureCmH2O + dither(Field.EXPIRATORY_PRESSURE, d);
        frame.airFlowMlPerS = airFlowMlPerS + dither(Field.AIR_FLOW, d);
        frame.oxygenFlowMlPerS = oxygenFlowMlPerS + dither(Field.OXYGEN_FLOW, d);
        frame.expiratoryFlowMlPerS = expiratoryFlowMlPerS + dither(Field.EXPIRATORY_FLOW, d);
        frame.oxygenPercent = oxygenPercent + dither(Field.OXYGEN_PERCENT, d);
    }

    private double dither(Field field, double d) {
        return field == frozen ? 0 : d;
    }
}
