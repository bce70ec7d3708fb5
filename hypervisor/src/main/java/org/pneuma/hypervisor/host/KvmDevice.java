package org.pneuma.hypervisor.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Asks a KVM device which API it speaks. Answering proves the device opens and the module answers ioctls; it
 * proves nothing about booting a guest (a paravirtual KVM such as kvm-pvm answers 12 and still refuses stock
 * kernels).
 *
 * <p>Any thread may call; allocates; does not block beyond the open and the ioctl.
 */
public final class KvmDevice {
    /** {@code KVM_GET_API_VERSION}: {@code _IO(KVMIO 0xAE, 0x00)}. */
    static final long KVM_GET_API_VERSION = 0xAE00L;
    /** The only API version Linux has ever shipped; anything else is not a KVM we know. */
    public static final int STABLE_API_VERSION = 12;

    private KvmDevice() {
    }

    /**
     * Opens {@code device} read-write, asks {@code KVM_GET_API_VERSION}, closes it.
     *
     * @return the API version (12 on every released kernel)
     * @throws HostCallException naming {@code open} (for example {@code EACCES}, {@code ENOENT}) or {@code ioctl}
     *                           (for example {@code ENOTTY} for a device that is not KVM)
     */
    public static int apiVersion(Path device) {
        Objects.requireNonNull(device, "device");
        String path = device.toString();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            int fd = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(path), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new HostCallException("open", path + ", O_RDWR|O_CLOEXEC", Libc.errno(state));
            }
            try {
                int version = (int) Libc.IOCTL.invokeExact(state, fd, KVM_GET_API_VERSION, 0L);
                if (version < 0) {
                    throw new HostCallException("ioctl", path + ", KVM_GET_API_VERSION", Libc.errno(state));
                }
                return version;
            } finally {
                int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
            }
        } catch (Throwable t) {
            throw LinuxHost.unexpected("KVM_GET_API_VERSION", t);
        }
    }
}
