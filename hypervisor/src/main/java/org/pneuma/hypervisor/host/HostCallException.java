package org.pneuma.hypervisor.host;

/**
 * A host call the kernel refused: names the call, its arguments and the {@code errno} with libc's text, for example
 * {@code sched_setaffinity(tid 4711, cpus {}) failed: EINVAL (Invalid argument)}.
 *
 * <p>Building one calls libc for the errno's name and text and allocates: it is for failure paths, which on a
 * control loop mean the loop is leaving steady state anyway.
 */
public final class HostCallException extends RuntimeException {
    private final String call;
    private final int errno;
    private final String errnoName;

    /**
     * @param call      the libc function, {@code "sched_setaffinity"}
     * @param arguments what it was called with, in words; may be empty
     * @param errno     the error number the call reported
     */
    public HostCallException(String call, String arguments, int errno) {
        this(call, arguments, errno, Errno.name(errno));
    }

    private HostCallException(String call, String arguments, int errno, String errnoName) {
        super(call + "(" + arguments + ") failed: " + errnoName + " (" + Errno.describe(errno) + ")");
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
    }

    /** The libc function that failed. */
    public String call() {
        return call;
    }

    /** The error number, as in {@link Errno}. */
    public int errno() {
        return errno;
    }

    /** The error's symbolic name, {@code "EPERM"}. */
    public String errnoName() {
        return errnoName;
    }
}
