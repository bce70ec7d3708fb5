package org.pneuma.hypervisor.guest;

/**
 * Stops a guest partition when the JVM exits, so an interrupted supervisor leaves no guest behind; and
 * gets out of the way when the partition is stopped normally.
 */
final class StopOnExit {
    private final Thread hook;

    StopOnExit(Runnable stop) {
        this.hook = Thread.ofPlatform().unstarted(stop);
    }

    void arm() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called at the start of a normal stop: the exit hook is no longer needed (unless it is the caller). */
    void disarm() {
        if (Thread.currentThread() == hook) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: this call does the work.
        }
    }
}
