package org.pneuma.hal;

/**
 * The ventilator's actuators: air and O2 proportional valves, the expiratory (PEEP) valve and the
 * safety valve to ambient.
 *
 * <p>{@link #apply} must not allocate, block or lock: it is called on the 1 kHz control path.
 */
@FunctionalInterface
public interface Valves {
    /** Drives every valve toward {@code command}; real valves get there with their own dynamics. */
    void apply(ValveCommand command);
}
