package org.pneuma.safety.alarm.fake;

import org.pneuma.hal.Clock;

/** A clock that moves only when the test moves it. */
public final class ManualClock implements Clock {
    private long nowNs;

    public ManualClock(long originNs) {
        this.nowNs = originNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void advanceNs(long ns) {
        nowNs += ns;
    }
}
