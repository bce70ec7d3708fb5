package org.pneuma.guest;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What every guest program's {@code main} does around its work: runs it until it returns or SIGTERM
 * asks it to stop, and on SIGTERM lets it finish its last lines (a beat, a RESULT line) and unmap before
 * the JVM goes. The work itself takes its arguments and streams and returns the exit status, so tests
 * run it without exiting.
 */
final class GuestProgram {
    /** A guest program's work: runs until done or {@code stop}, returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run(String[] args, PrintStream out, PrintStream err, BooleanSupplier stop);
    }

    private GuestProgram() {
    }

    static void main(String name, String[] args, Work work) {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            LockSupport.unpark(main);
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            status = work.run(args, System.out, System.err, stop::get);
        } finally {
            finished.countDown();
        }
        if (!stop.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            System.exit(status);
        }
    }
}
