package org.pneuma.channel;

/** One verified heartbeat, outside shared memory. Mutable and reused; one owner thread. */
public final class HeartbeatSample {
    private int serviceId;
    private long beatCount;
    private long lastBeatNs;
    private long processId;

    public int serviceId() {
        return serviceId;
    }

    /** Beats since the slot was first written; a restarted writer continues the count. */
    public long beatCount() {
        return beatCount;
    }

    /** The writer's clock at its latest beat: comparable only with the same host's monotonic clock. */
    public long lastBeatNs() {
        return lastBeatNs;
    }

    /** The writer's process id at its latest beat: a change means the service was restarted. */
    public long processId() {
        return processId;
    }

    void fill(int serviceId, long beatCount, long lastBeatNs, long processId) {
        this.serviceId = serviceId;
        this.beatCount = beatCount;
        this.lastBeatNs = lastBeatNs;
        this.processId = processId;
    }
}
