package org.pneuma.hypervisor.doctor;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.hypervisor.host.KvmDevice;

/** Turns the probe's findings into one verdict per check, the lines {@code pneuma doctor} prints. */
final class DoctorChecks {
    static final String CRUN_HYBRID_CAVEAT = "crun refuses hybrid cgroups unless started in a private mount "
        + "namespace with /sys/fs/cgroup/unified unmounted";

    private DoctorChecks() {
    }

    static List<Check> of(HostCapabilities host) {
        List<Check> checks = new ArrayList<>();
        checks.add(java(host.java()));
        checks.add(user(host.effectiveUserId()));
        checks.add(cgroups(host.cgroups()));
        checks.add(finding("namespaces", host.namespaces()));
        checks.add(finding("rt-scheduling", host.realtimeScheduling()));
        checks.add(finding("memory-lock", host.memoryLock()));
        checks.add(tool("runc", host.runc(), ""));
        checks.add(tool("crun", host.crun(),
            host.cgroups().kind() == CgroupLayout.Kind.HYBRID ? CRUN_HYBRID_CAVEAT : ""));
        checks.add(tool("qemu", host.qemu(), ""));
        checks.add(kvm(host.kvm()));
        return checks;
    }

    private static Check java(JavaRuntime java) {
        String version = java.version() + " (" + java.vendor() + ")";
        if (java.feature() < JavaRuntime.REQUIRED_FEATURE) {
            return new Check("java", Status.NO, version + ": Pneuma needs Java " + JavaRuntime.REQUIRED_FEATURE);
        }
        if (!java.nativeAccessEnabled()) {
            return new Check("java", Status.WARN, version + ", native access NOT enabled: start the JVM with "
                + "--enable-native-access=ALL-UNNAMED (host calls warn now and will be refused in a later release)");
        }
        return new Check("java", Status.OK, version + ", native access enabled");
    }

    private static Check user(int euid) {
        if (euid == 0) {
            return new Check("user", Status.OK, "root (euid 0)");
        }
        if (euid < 0) {
            return new Check("user", Status.NO, "geteuid could not be called");
        }
        return new Check("user", Status.WARN, "not root (euid " + euid + "): the sandbox backend needs root");
    }

    private static Check cgroups(CgroupLayout cgroups) {
        StringBuilder detail = new StringBuilder();
        switch (cgroups.kind()) {
            case NONE -> detail.append("none mounted (kernel supports")
                .append(cgroups.kernelHasV1() ? " v1" : "").append(cgroups.kernelHasV2() ? " v2" : "")
                .append(cgroups.kernelHasV1() || cgroups.kernelHasV2() ? ")" : " neither)");
            case V1 -> detail.append("v1: ").append(String.join(" ", cgroups.v1Controllers()));
            case V2 -> detail.append("v2 at ").append(v2(cgroups));
            case HYBRID -> detail.append("hybrid: v1 ").append(String.join(" ", cgroups.v1Controllers()))
                .append("; v2 at ").append(v2(cgroups));
        }
        List<String> missing = BackendDecision.SANDBOX_CONTROLLERS.stream()
            .filter(controller -> !cgroups.hasController(controller)).toList();
        if (missing.isEmpty()) {
            return new Check("cgroups", Status.OK, detail.toString());
        }
        detail.append("; missing for the sandbox: ").append(String.join(" ", missing));
        return new Check("cgroups", cgroups.kind() == CgroupLayout.Kind.NONE ? Status.NO : Status.WARN,
            detail.toString());
    }

    private static String v2(CgroupLayout cgroups) {
        return cgroups.v2MountPoint() + (cgroups.v2Controllers().isEmpty() ? " with no controllers"
            : " with " + String.join(" ", cgroups.v2Controllers()));
    }

    private static Check finding(String name, Finding finding) {
        return new Check(name, finding.available() ? Status.OK : Status.NO, finding.detail());
    }

    private static Check tool(String name, ToolFinding tool, String caveat) {
        if (!tool.present()) {
            return new Check(name, Status.NO, tool.name() + " " + tool.detail());
        }
        if (!caveat.isEmpty()) {
            return new Check(name, Status.WARN, tool.detail() + "; " + caveat);
        }
        return new Check(name, tool.version().isEmpty() ? Status.WARN : Status.OK, tool.detail());
    }

    private static Check kvm(KvmFinding kvm) {
        Status status = kvm.apiVersion() != KvmDevice.STABLE_API_VERSION ? Status.NO : kvm.verifiedForStockGuests() ? Status.OK : Status.WARN;
        return new Check("kvm", status, kvm.detail());
    }
}
