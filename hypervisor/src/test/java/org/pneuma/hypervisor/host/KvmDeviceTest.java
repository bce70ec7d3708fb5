package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KvmDeviceTest {
    private static final Path DEV_KVM = Path.of("/dev/kvm");

    @Test
    void thisHostsKvmDeviceAnswersTheStableApiWhenItExistsAndMayBeOpened() {
        if (!Files.exists(DEV_KVM)) {
            assertThatThrownBy(() -> KvmDevice.apiVersion(DEV_KVM))
                .isInstanceOfSatisfying(HostCallException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"))
                .hasMessageStartingWith("open(/dev/kvm");
        } else if (Files.isReadable(DEV_KVM) && Files.isWritable(DEV_KVM)) {
            assertThat(KvmDevice.apiVersion(DEV_KVM)).isEqualTo(KvmDevice.STABLE_API_VERSION);
        } else {
            assertThatThrownBy(() -> KvmDevice.apiVersion(DEV_KVM))
                .isInstanceOfSatisfying(HostCallException.class, e -> assertThat(e.errnoName()).isEqualTo("EACCES"))
                .hasMessageStartingWith("open(/dev/kvm");
        }
    }

    @Test
    void aDeviceThatIsNotKvmRefusesTheIoctlWithEnotty() {
        assertThatThrownBy(() -> KvmDevice.apiVersion(Path.of("/dev/null")))
            .isInstanceOfSatisfying(HostCallException.class, e -> {
                assertThat(e.call()).isEqualTo("ioctl");
                assertThat(e.errnoName()).isEqualTo("ENOTTY");
            })
            .hasMessageStartingWith("ioctl(/dev/null, KVM_GET_API_VERSION) failed: ENOTTY");
    }

    @Test
    void aMissingDeviceIsRefusedByOpenWithEnoent() {
        assertThatThrownBy(() -> KvmDevice.apiVersion(Path.of("/dev/pneuma-no-such-device")))
            .isInstanceOfSatisfying(HostCallException.class, e -> {
                assertThat(e.call()).isEqualTo("open");
                assertThat(e.errno()).isEqualTo(Errno.ENOENT);
            });
    }
}
