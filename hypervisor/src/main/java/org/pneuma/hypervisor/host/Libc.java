package org.pneuma.hypervisor.host;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions Pneuma calls, bound once through {@link Linker#nativeLinker()}; nothing else in the code
 * base names a native symbol.
 *
 * <p>Every handle that can fail through {@code errno} is linked with {@code captureCallState("errno")}: its first
 * parameter is a {@link #CALL_STATE}-shaped segment that receives {@code errno} right after the call, before the
 * JVM can overwrite it. {@code clock_nanosleep} reports its error as the return value and needs no such segment.
 *
 * <p>Targets 64-bit Linux with glibc 2.30 or newer ({@code gettid}, {@code strerrorname_np}): {@code size_t} and
 * {@code long} are {@link java.lang.foreign.ValueLayout#JAVA_LONG}, {@code struct timespec} is two longs. A missing
 * symbol fails class initialisation with an {@link UnsatisfiedLinkError} naming it.
 */
final class Libc {
    static final int CLOCK_MONOTONIC = 1;
    static final int TIMER_ABSTIME = 1;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    /** Bits in a {@code cpu_set_t} of glibc's default {@code CPU_SETSIZE}. */
    static final int CPU_SET_BITS = 1024;
    static final long CPU_SET_BYTES = CPU_SET_BITS / 8;
    /** {@code struct timespec}: {@code tv_sec} at 0, {@code tv_nsec} at 8. */
    static final long TIMESPEC_BYTES = 16;
    static final long TIMESPEC_NSEC_OFFSET = 8;

    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option SAVE_ERRNO = Linker.Option.captureCallState("errno");

    static final MethodHandle GETTID = bind("gettid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle GETEUID = bind("geteuid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle SCHED_SETAFFINITY =
        bindWithErrno("sched_setaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    static final MethodHandle SCHED_GETAFFINITY =
        bindWithErrno("sched_getaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    static final MethodHandle SCHED_SETSCHEDULER =
        bindWithErrno("sched_setscheduler", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle SCHED_GETSCHEDULER =
        bindWithErrno("sched_getscheduler", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SCHED_GETPARAM =
        bindWithErrno("sched_getparam", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle MLOCKALL = bindWithErrno("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle MUNLOCKALL = bindWithErrno("munlockall", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle CLOCK_GETTIME =
        bindWithErrno("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle CLOCK_NANOSLEEP =
        bind("clock_nanosleep", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int open(const char *path, int flags, ...)}, called with a mode. */
    static final MethodHandle OPEN = bindWithErrno("open",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    /** {@code int ioctl(int fd, unsigned long request, ...)}, called with one {@code unsigned long} argument. */
    static final MethodHandle IOCTL = bindWithErrno("ioctl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    static final MethodHandle CLOSE = bindWithErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle STRERRORNAME_NP = bind("strerrorname_np", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    /** The {@code errno} a call linked with {@link #SAVE_ERRNO} left in {@code callState}. */
    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    @SuppressWarnings("restricted") // the one place that links native code; needs --enable-native-access
    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name + " (needs glibc 2.30+ on Linux)"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static MethodHandle bindWithErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = SAVE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return bind(name, descriptor, all);
    }
}
