package org.pneuma.safety.command;

import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * What an accepted operator command does: implemented by the owner of the safety partition and
 * called by {@link CommandHandler} on the thread that polls it. {@link #forPartition} applies at once,
 * for a handler polled by the partition's own tick thread (deterministic simulation); the real-time
 * process polls on a thread of its own and hands accepted commands to the tick instead, so judging
 * commands never costs the tick.
 *
 * <p>A method that throws a {@link RuntimeException} makes the command's answer
 * {@link org.pneuma.channel.CommandReason#FAILED}; the handler keeps its view of the settings in force.
 */
public interface CommandTarget {
    /** Put these settings and alarm limits in force. They passed {@code SettingsValidator.check(settings, limits)}. */
    void apply(VentilationSettings settings, AlarmLimits limits);

    /** The operator acknowledged the alarms. */
    void acknowledge();

    /** The operator paused the alarm audio. */
    void pauseAudio();

    /** The target that hands every accepted command to {@code partition}. */
    static CommandTarget forPartition(SafetyPartition partition) {
        return new CommandTarget() {
            @Override
            public void apply(VentilationSettings settings, AlarmLimits limits) {
                partition.changeSettings(settings, limits);
            }

            @Override
            public void acknowledge() {
                partition.acknowledge();
            }

            @Override
            public void pauseAudio() {
                partition.pauseAudio();
            }
        };
    }
}
