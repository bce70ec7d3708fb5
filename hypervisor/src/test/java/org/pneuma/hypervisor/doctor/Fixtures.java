package org.pneuma.hypervisor.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test inputs: fixture files, and findings of made-up hosts. */
final class Fixtures {
    static final CgroupLayout HYBRID = new CgroupLayout(CgroupLayout.Kind.HYBRID, true, true,
        List.of("cpu", "cpuacct", "cpuset", "memory", "pids"), "/sys/fs/cgroup/unified", List.of());
    static final ToolFinding RUNC = new ToolFinding("runc", "/usr/sbin/runc", "runc version 1.1.5+ds1",
        "runc version 1.1.5+ds1 (/usr/sbin/runc)");
    static final ToolFinding CRUN = new ToolFinding("crun", "/usr/bin/crun", "crun version 1.8.1",
        "crun version 1.8.1 (/usr/bin/crun)");
    static final ToolFinding QEMU = new ToolFinding("qemu-system-x86_64", "/usr/bin/qemu-system-x86_64",
        "QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u18)", "QEMU emulator version 7.2.19");
    static final KvmFinding KVM_PVM = new KvmFinding(true, 12, true, false,
        "KVM present (API 12) — not verified to boot a stock guest; the vm backend uses TCG");

    private Fixtures() {
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root host like the ones we build on: hybrid cgroups, namespaces, FIFO, mlockall, runc, crun, QEMU, kvm-pvm. */
    static HostCapabilities buildMachine() {
        return new HostCapabilities(new JavaRuntime(25, "25.0.3+9-LTS", "Eclipse Adoptium", true), 0,
            new ProcessPrivileges(0x1fffeffffffL, 0, 8_388_608), HYBRID,
            new Finding(true, "unshare --pid --fork --mount-proc --net true: exit 0"),
            new Finding(true, "SCHED_FIFO priority 1 on a throw-away thread"),
            new Finding(true, "mlockall(MCL_CURRENT|MCL_FUTURE) and munlockall succeeded"),
            RUNC, CRUN, QEMU, KVM_PVM);
    }

    /** An unprivileged host with nothing: only the process backend is left. */
    static HostCapabilities bareUnprivilegedHost() {
        return new HostCapabilities(new JavaRuntime(25, "25.0.3+9-LTS", "Eclipse Adoptium", false), 1000,
            new ProcessPrivileges(0, 0, 8_388_608),
            new CgroupLayout(CgroupLayout.Kind.V2, true, true, List.of(), "/sys/fs/cgroup", List.of("memory", "pids")),
            new Finding(false, "unshare absent: pid/mount/net namespaces not tested"),
            new Finding(false, "sched_setscheduler(tid 7, SCHED_FIFO, priority 1) failed: EPERM (Operation not permitted)"),
            new Finding(false, "mlockall(MCL_CURRENT|MCL_FUTURE) failed: ENOMEM (Cannot allocate memory)"),
            ToolFinding.absent("runc"), ToolFinding.absent("crun"), ToolFinding.absent("qemu-system-x86_64"),
            new KvmFinding(false, 0, false, false, "/dev/kvm absent"));
    }
}
