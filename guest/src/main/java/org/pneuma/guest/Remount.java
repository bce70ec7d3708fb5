package org.pneuma.guest;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The {@code mount(2)} call a guest with {@code CAP_SYS_ADMIN} would use to undo a read-only bind:
 * {@code mount(NULL, dir, NULL, MS_REMOUNT|MS_BIND, NULL)}. Called through FFM, so it does not depend on a
 * {@code mount} program in the guest's image. Fault injection only; never on any service's path.
 */
@SuppressWarnings("restricted")
final class Remount {
    private static final long MS_RDONLY = 1;
    private static final long MS_REMOUNT = 32;
    private static final long MS_BIND = 4096;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MOUNT = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("mount"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), Linker.Option.captureCallState("errno"));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
        FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Remount() {
    }

    /**
     * Remounts the bind at {@code dir} read-write; if that works, puts it back read-only at once.
     *
     * @return what was done
     * @throws IOException with the system's reason when the kernel refuses
     */
    static String readWriteAndBack(Path dir) throws IOException {
        remount(dir, MS_REMOUNT | MS_BIND);
        try {
            remount(dir, MS_REMOUNT | MS_BIND | MS_RDONLY);
            return "remounted " + dir + " read-write, and back read-only";
        } catch (IOException e) {
            return "remounted " + dir + " read-write; putting it back read-only failed: " + e.getMessage();
        }
    }

    private static void remount(Path dir, long flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment target = arena.allocateFrom(dir.toString());
            int rc = (int) MOUNT.invokeExact(state, MemorySegment.NULL, target, MemorySegment.NULL, flags, MemorySegment.NULL);
            if (rc != 0) {
                int errno = (int) ERRNO.get(state, 0L);
                MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
                throw new IOException(text.reinterpret(256).getString(0));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mount(2) could not be called", t);
        }
    }
}
