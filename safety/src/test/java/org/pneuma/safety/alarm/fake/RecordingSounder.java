package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.Sounder;

/** Counts the times the tone was turned on and remembers whether it is on; allocates nothing. */
public final class RecordingSounder implements Sounder {
    public boolean on;
    public long onEdges;

    @Override
    public void sound(boolean on) {
        if (on && !this.on) onEdges++;
        this.on = on;
    }
}
