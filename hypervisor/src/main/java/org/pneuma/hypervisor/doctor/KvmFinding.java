package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * What {@code /dev/kvm} is on this host.
 *
 * @param devicePresent             {@code /dev/kvm} exists
 * @param apiVersion                the answer to {@code KVM_GET_API_VERSION}; 0 if not asked or refused
 * @param paravirtual               the {@code kvm_pvm} module is loaded: a paravirtual KVM for running inside a VM,
 *                                  which stock guest kernels do not boot on
 * @param verifiedForStockGuests    a stock Linux guest was booted under KVM here; the probe never claims this
 *                                  without doing it, and it does not try, so it is false
 * @param detail                    in words, with the errno if opening or asking failed
 */
public record KvmFinding(boolean devicePresent, int apiVersion, boolean paravirtual, boolean verifiedForStockGuests,
                         String detail) {
    public KvmFinding {
        Objects.requireNonNull(detail, "detail");
    }

    /** The device opened and answered the ioctl. */
    public boolean answers() {
        return apiVersion > 0;
    }
}
