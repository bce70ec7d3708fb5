package org.pneuma.hypervisor.guest;

import java.util.Locale;

/** A Linux namespace a sandboxed guest partition gets of its own; every other namespace it shares with the host. */
public enum GuestNamespace {
    /** Its own process ids: the partition's init is pid 1, host processes are invisible and cannot be signalled. */
    PID,
    /** Its own mount table: read-only binds of the exposed paths, a read-only sysfs and {@code /proc/sys}. */
    MOUNT,
    /** Its own network stack with only a loopback interface: no route to the host's network. */
    NET;

    /** {@code "pid"}, {@code "mount"}, {@code "net"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
