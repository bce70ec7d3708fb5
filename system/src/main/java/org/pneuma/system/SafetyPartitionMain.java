package org.pneuma.system;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The safety partition as its own real-time process, started by the supervisor:
 * <pre>
 * java ... org.pneuma.system.SafetyPartitionMain --run-dir DIR --cpu 1 --control-priority 80 --alarm-priority 90 [--resumed]
 * </pre>
 * See {@link SafetyPartitionOptions#USAGE} for the options and exit statuses, and
 * {@link SafetyPartitionProcess} for the threads. Every lifecycle step is one line on standard output,
 * prefixed {@code safety-partition:}; errors that stop the start go to standard error. SIGTERM and
 * Ctrl-C stop the loop, join the threads, give back real-time scheduling, unmap the channels and exit 0.
 *
 * <p>The JVM needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (the channels' Agrona
 * buffers) and {@code --enable-native-access=ALL-UNNAMED} (the host calls that pin, raise and lock).
 */
public final class SafetyPartitionMain {
    static final String PREFIX = "safety-partition: ";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private SafetyPartitionMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        SafetyPartitionOptions options;
        try {
            options = SafetyPartitionOptions.parse(args, Runtime.getRuntime().availableProcessors());
        } catch (SafetyPartitionOptions.UsageException e) {
            if (e.helpRequested()) {
                out.println(SafetyPartitionOptions.USAGE);
                System.exit(EXIT_OK);
            }
            System.err.println(PREFIX + e.getMessage());
            System.err.println("Try --help for the options.");
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(run(options, out));
    }

    /** Runs until SIGTERM or Ctrl-C (exits 0 from the shutdown hook) or a failure; returns the exit status. */
    static int run(SafetyPartitionOptions options, PrintStream out) throws InterruptedException {
        SafetyPartitionProcess process;
        try {
            process = SafetyPartitionProcess.open(options, line -> out.println(PREFIX + line));
        } catch (SafetyPartitionProcess.StartupException e) {
            System.err.println(PREFIX + "refusing to start: " + e.getMessage());
            return EXIT_FAILED;
        }
        Thread hook = Thread.ofPlatform().name("safety-shutdown").unstarted(() -> {
            out.println(PREFIX + "termination requested at " + Instant.now());
            process.stop();
            out.flush();
            // Stopped cleanly: say so with status 0 rather than the JVM's 128 + signal.
            Runtime.getRuntime().halt(process.loopFailure() == null ? EXIT_OK : EXIT_FAILED);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        process.start();
        process.awaitLoopEnd();
        if (process.stopping()) {
            Thread.sleep(Long.MAX_VALUE); // the shutdown hook is stopping the rest and ends the JVM
        }
        // The loop ended without a termination request: it failed. Stop the rest and let the supervisor restart us.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            Thread.sleep(Long.MAX_VALUE);
        }
        process.stop();
        return process.loopFailure() == null ? EXIT_OK : EXIT_FAILED;
    }
}
