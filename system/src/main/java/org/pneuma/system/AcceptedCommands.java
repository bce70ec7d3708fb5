package org.pneuma.system;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.command.CommandTarget;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The hand-over from the command desk to the tick: what the guest asked and the safety partition's own
 * validator accepted, waiting for the next tick to put it in force.
 *
 * <p>The desk's thread calls the {@link CommandTarget} side (it may allocate); the tick calls
 * {@link #applyTo}, which reads two counters and one reference and allocates nothing. Settings are
 * whole (settings and limits together, validated as a pair against what the desk had accepted before),
 * so when two arrive within one tick only the newer matters; every acknowledge and audio pause is
 * applied, at most one of each per tick.
 */
final class AcceptedCommands implements CommandTarget {
    private final AtomicReference<SettingsInForce> settings = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong audioPaused = new AtomicLong();
    private long acknowledgedApplied;
    private long audioPausedApplied;

    @Override
    public void apply(VentilationSettings settings, AlarmLimits limits) {
        this.settings.set(new SettingsInForce(settings, limits));
    }

    @Override
    public void acknowledge() {
        acknowledged.incrementAndGet();
    }

    @Override
    public void pauseAudio() {
        audioPaused.incrementAndGet();
    }

    /** Puts in force what was accepted since the last call. Tick thread only; allocation-free. */
    void applyTo(SafetyPartition partition) {
        SettingsInForce change = settings.getAndSet(null);
        if (change != null) partition.changeSettings(change.settings(), change.limits());
        long acks = acknowledged.get();
        if (acks != acknowledgedApplied) {
            acknowledgedApplied = acks;
            partition.acknowledge();
        }
        long pauses = audioPaused.get();
        if (pauses != audioPausedApplied) {
            audioPausedApplied = pauses;
            partition.pauseAudio();
        }
    }
}
