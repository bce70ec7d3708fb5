package org.pneuma.hypervisor.host;

import java.lang.foreign.MemorySegment;

/**
 * Linux {@code errno} values the host calls expect, and their names and texts as libc spells them.
 *
 * <p>Any thread may call. {@link #name} and {@link #describe} call libc and allocate a string: failure paths
 * only, never a control loop's steady state.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;

    private Errno() {
    }

    /** The symbolic name, {@code "EINVAL"} for 22; {@code "errno 4242"} for a number libc does not know. */
    public static String name(int errno) {
        MemorySegment text = call(Libc.STRERRORNAME_NP, errno);
        return text.equals(MemorySegment.NULL) ? "errno " + errno : read(text);
    }

    /** libc's text, {@code "Invalid argument"} for 22. */
    public static String describe(int errno) {
        MemorySegment text = call(Libc.STRERROR, errno);
        return text.equals(MemorySegment.NULL) ? "unknown error " + errno : read(text);
    }

    private static MemorySegment call(java.lang.invoke.MethodHandle function, int errno) {
        try {
            return (MemorySegment) function.invokeExact(errno);
        } catch (Throwable t) {
            throw new IllegalStateException("libc string lookup for errno " + errno + " failed", t);
        }
    }

    @SuppressWarnings("restricted") // reading a libc string needs its length widened; the module enables native access
    private static String read(MemorySegment cString) {
        // libc returns a static, NUL-terminated string of unknown length.
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
