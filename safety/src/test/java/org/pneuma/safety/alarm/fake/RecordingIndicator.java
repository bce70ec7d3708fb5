package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.Indicator;

/** Remembers the colour shown and counts changes of it; allocates nothing. */
public final class RecordingIndicator implements Indicator {
    public LampColour colour = LampColour.OFF;
    public long changes;

    @Override
    public void show(LampColour colour) {
        if (colour != this.colour) changes++;
        this.colour = colour;
    }
}
