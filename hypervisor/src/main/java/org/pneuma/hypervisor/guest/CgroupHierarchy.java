package org.pneuma.hypervisor.guest;

/** The cgroup hierarchy whose controller enforces a limit. */
public enum CgroupHierarchy {
    /** A legacy hierarchy with one or a few controllers bound to it, under {@code /sys/fs/cgroup/<controller>}. */
    V1("cgroup v1"),
    /** The unified hierarchy ({@code /sys/fs/cgroup} on v2 hosts, {@code /sys/fs/cgroup/unified} on hybrid ones). */
    V2("cgroup v2");

    private final String label;

    CgroupHierarchy(String label) {
        this.label = label;
    }

    /** {@code "cgroup v1"} or {@code "cgroup v2"}. */
    public String label() {
        return label;
    }
}
