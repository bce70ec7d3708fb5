package org.pneuma.channel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a running system keeps its shared memory and control files: one directory (by default on
 * {@code /dev/shm}, so the channels are memory, not disk) that the supervisor creates at boot and
 * removes at shutdown. Every process of the system finds every channel by name in it.
 *
 * <pre>
 * safety/                    bound read-only into the guest partition, whole: a guest can neither
 *   sensor-bus               write these files nor replace them
 *   counters                 safety's loop and command counters; its tick count is the safety heartbeat
 *   platform-alarms          supervisor raises DISPLAY_LOST / GUEST_FAULT; safety reads
 *   safety-settings          the last accepted settings and limits, for a restarted safety partition
 * guest/                     writable by the guest
 *   command-mailbox          guest writes requests, safety writes answers
 *   guest-heartbeats         one slot per guest service, in configuration order
 * supervisor.port            the loopback TCP port of the supervisor's control endpoint (status, faults)
 * supervisor.token           the token a client must present, readable by the supervisor's user only
 * </pre>
 */
public record RunDirectory(Path root) {
    /** The run directory of a system started without one named. */
    public static final Path DEFAULT = Path.of("/dev/shm/pneuma");

    public RunDirectory {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public Path sensorBus() {
        return root.resolve("safety/sensor-bus");
    }

    public Path commandMailbox() {
        return root.resolve("guest/command-mailbox");
    }

    public Path guestHeartbeats() {
        return root.resolve("guest/guest-heartbeats");
    }

    public Path counters() {
        return root.resolve("safety/counters");
    }

    public Path platformAlarms() {
        return root.resolve("safety/platform-alarms");
    }

    public Path safetySettings() {
        return root.resolve("safety/safety-settings");
    }

    /**
     * The port of the supervisor's control endpoint on the host's loopback interface (a sandboxed guest has its own
     * network namespace, from which the host's loopback cannot be reached).
     */
    public Path controlPort() {
        return root.resolve("supervisor.port");
    }

    /** The token a control client must present; readable by the supervisor's user only. */
    public Path controlToken() {
        return root.resolve("supervisor.token");
    }

    /** The safety partition's directory: the guest may read it but never write or replace anything in it. */
    public Path safetyDirectory() {
        return root.resolve("safety");
    }

    /** The directory of the channels the guest writes. */
    public Path guestDirectory() {
        return root.resolve("guest");
    }

    /** What a guest partition may read but must never write: bound read-only into it. */
    public List<Path> guestReadOnly() {
        return List.of(safetyDirectory());
    }
}
