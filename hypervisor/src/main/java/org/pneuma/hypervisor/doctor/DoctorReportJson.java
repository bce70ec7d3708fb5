package org.pneuma.hypervisor.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Locale;

/** Renders a {@link DoctorReport} as JSON with a fixed shape, for scripts. */
final class DoctorReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DoctorReportJson() {
    }

    static String render(DoctorReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("strongest_backend", report.strongest().label());
        root.put("exit_code", report.exitCode());
        ArrayNode checks = root.putArray("checks");
        for (Check check : report.checks()) {
            checks.addObject().put("name", check.name()).put("status", check.status().label())
                .put("detail", check.detail());
        }
        ArrayNode backends = root.putArray("backends");
        for (BackendSupport support : report.backends()) {
            backends.addObject().put("backend", support.backend().label()).put("supported", support.supported())
                .put("status", DoctorReportText.status(support).label()).put("reason", support.reason());
        }
        host(root.putObject("host"), report.host());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans did not serialise", e);
        }
    }

    private static void host(ObjectNode node, HostCapabilities host) {
        JavaRuntime java = host.java();
        node.putObject("java").put("feature", java.feature()).put("version", java.version())
            .put("vendor", java.vendor()).put("native_access_enabled", java.nativeAccessEnabled());
        node.put("effective_user_id", host.effectiveUserId()).put("root", host.root());
        ProcessPrivileges privileges = host.privileges();
        node.putObject("privileges").put("cap_sys_nice", privileges.hasSysNice())
            .put("cap_ipc_lock", privileges.hasIpcLock())
            .put("realtime_priority_limit", privileges.realtimePriorityLimit())
            .put("locked_memory_limit_bytes", privileges.lockedMemoryLimitBytes());
        CgroupLayout cgroups = host.cgroups();
        ObjectNode cgroupNode = node.putObject("cgroups").put("layout", cgroups.kind().name().toLowerCase(Locale.ROOT))
            .put("kernel_has_v1", cgroups.kernelHasV1()).put("kernel_has_v2", cgroups.kernelHasV2());
        strings(cgroupNode.putArray("v1_controllers"), cgroups.v1Controllers());
        cgroupNode.put("v2_mount_point", cgroups.v2MountPoint());
        strings(cgroupNode.putArray("v2_controllers"), cgroups.v2Controllers());
        finding(node.putObject("namespaces"), host.namespaces());
        finding(node.putObject("realtime_scheduling"), host.realtimeScheduling());
        finding(node.putObject("memory_lock"), host.memoryLock());
        ObjectNode tools = node.putObject("tools");
        tool(tools.putObject("runc"), host.runc());
        tool(tools.putObject("crun"), host.crun());
        tool(tools.putObject("qemu"), host.qemu());
        KvmFinding kvm = host.kvm();
        node.putObject("kvm").put("device_present", kvm.devicePresent()).put("api_version", kvm.apiVersion())
            .put("paravirtual", kvm.paravirtual()).put("verified_for_stock_guests", kvm.verifiedForStockGuests())
            .put("detail", kvm.detail());
    }

    private static void finding(ObjectNode node, Finding finding) {
        node.put("available", finding.available()).put("detail", finding.detail());
    }

    private static void tool(ObjectNode node, ToolFinding tool) {
        node.put("name", tool.name()).put("present", tool.present()).put("path", tool.path())
            .put("version", tool.version()).put("detail", tool.detail());
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
