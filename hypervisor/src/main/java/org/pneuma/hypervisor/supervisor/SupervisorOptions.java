package org.pneuma.hypervisor.supervisor;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.SystemConfig;

/**
 * How to boot a system.
 *
 * @param config       the validated system configuration
 * @param guestBackend the guest backend to use instead of the configuration's, or {@code null}
 * @param run          where the shared memory and the control endpoint's port and token go
 * @param alarmNames   names the alarms set in a sensor sample's alarm bits (the safety partition's alarm ids)
 */
public record SupervisorOptions(SystemConfig config, GuestBackendChoice guestBackend, RunDirectory run,
                                LongFunction<List<String>> alarmNames) {
    public SupervisorOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(alarmNames, "alarmNames");
    }
}
