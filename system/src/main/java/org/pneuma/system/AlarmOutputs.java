package org.pneuma.system;

import org.pneuma.hal.Indicator;
import org.pneuma.hal.Sounder;

/**
 * The partition's own alarm sounder and light in this process: the state a real driver would put on
 * its output pins, kept in volatile fields so any thread can look. Two threads may drive it — the tick
 * (the alarm signal patterns) and, once the tick has hung, the alarm watchdog — never both at once in
 * practice; each call is one volatile store, allocation-free.
 */
final class AlarmOutputs implements Sounder, Indicator {
    private volatile boolean sounding;
    private volatile LampColour colour = LampColour.OFF;

    @Override
    public void sound(boolean on) {
        sounding = on;
    }

    @Override
    public void show(LampColour lampColour) {
        colour = lampColour;
    }

    boolean sounding() {
        return sounding;
    }

    LampColour colour() {
        return colour;
    }
}
