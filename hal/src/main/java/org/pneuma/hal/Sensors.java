package org.pneuma.hal;

/**
 * The ventilator's sensors. The only view of the patient and the pneumatics that safety code ever has.
 *
 * <p>{@link #read} must not allocate, block or lock: it is called on the 1 kHz control path.
 */
@FunctionalInterface
public interface Sensors {
    /** Fills {@code frame} with the latest reading of every sensor. */
    void read(SensorFrame frame);
}
