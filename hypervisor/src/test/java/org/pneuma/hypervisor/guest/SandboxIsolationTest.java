package org.pneuma.hypervisor.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pneuma.hypervisor.guest.GuestHost.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security evidence: what a service of a sandboxed partition, running as root, can see and do. One partition serves
 * every test here; each test runs its own service in it.
 */
class SandboxIsolationTest {
    private static final String BUS_CONTENT = "sensor-bus-sample-0001";
    private static Path bus;
    private static GuestPartition partition;

    @BeforeAll
    static void startPartition() throws Exception {
        GuestHost.requireSandboxPrerequisites();
        bus = GuestHost.busLikeFile(BUS_CONTENT);
        partition = SandboxBackend.onThisHost().start(GuestHost.spec(GuestHost.uniqueName("iso"), List.of(bus)));
    }

    @AfterAll
    static void stopPartition() throws Exception {
        try {
            if (partition != null) {
                partition.stop();
            }
        } finally {
            if (bus != null) {
                Files.deleteIfExists(bus);
            }
        }
    }

    @Test
    void aServiceLivesInItsOwnPidNamespaceUnderThePartitionsInit() throws Exception {
        long jvm = ProcessHandle.current().pid();
        GuestService service = run(partition, "pids", "echo self=$$; echo init=$(tr '\\0' ' ' < /proc/1/cmdline); "
            + "echo visible=$(ls /proc | grep -c '^[0-9][0-9]*$'); kill -0 " + jvm + "; echo signal-host=$?");

        String output = service.output();
        assertThat(valueOf(output, "init")).as("pid 1 is the partition's init").contains(" -c ", "pneuma-guest-init");
        assertThat(Long.parseLong(valueOf(output, "self"))).isNotEqualTo(service.pid()).isLessThan(100);
        long hostProcesses;
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            hostProcesses = proc.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
        assertThat(Integer.parseInt(valueOf(output, "visible"))).as(output).isLessThanOrEqualTo(10)
            .isLessThan((int) hostProcesses);
        assertThat(output).as("the host JVM (pid %d) cannot be signalled", jvm).contains("signal-host=1");
    }

    @Test
    void aServiceSeesNoNetworkButLoopback() throws Exception {
        GuestService service = run(partition, "net", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; "
            + "echo sysfs=$(ls /sys/class/net | tr '\\n' ' '); echo flags=$(cat /sys/class/net/lo/flags)");

        List<String> lines = service.output().lines().toList();
        assertThat(lines).as("interfaces in /proc/net/dev, then sysfs, then flags").hasSize(3);
        assertThat(lines.getFirst()).isEqualTo("lo");
        assertThat(valueOf(service.output(), "sysfs")).isEqualTo("lo");
        int flags = Integer.decode(valueOf(service.output(), "flags"));
        assertThat(flags & 1).as("IFF_UP on lo").isEqualTo(1);
        assertThat(hostInterfaces()).as("the host has more than loopback, so the test can tell").hasSizeGreaterThan(1);
    }

    @Test
    void theBusFileIsReadableButNotWritableEvenByRootInsideNorCanRootUndoTheReadOnlyBind() throws Exception {
        String path = bus.toString();
        GuestService service = run(partition, "bus-write", "id -u; cat " + path + "; echo; "
            + "echo garbage > " + path + "; echo write=$?; "
            + "mount -o remount,rw,bind " + path + "; echo remount=$?; "
            + "umount " + path + "; echo umount=$?; "
            + "echo garbage >> " + path + "; echo append=$?; "
            + "truncate -s 0 " + path + "; echo truncate=$?");

        String output = service.output();
        assertThat(output).startsWith("0\n" + BUS_CONTENT + "\n");
        assertThat(output).contains("write=2", "append=2", "truncate=1").contains("Read-only file system");
        assertThat(valueOf(output, "remount")).isNotEqualTo("0");
        assertThat(valueOf(output, "umount")).isNotEqualTo("0");
        assertThat(Files.readString(bus)).isEqualTo(BUS_CONTENT);

        Files.writeString(bus, BUS_CONTENT + "-next");
        assertThat(Files.readString(bus)).as("the host side still writes it").isEqualTo(BUS_CONTENT + "-next");
        Files.writeString(bus, BUS_CONTENT);
    }

    @Test
    void aServiceIsInEveryCgroupOfThePartitionFromItsFirstInstructionAndCannotLeave() throws Exception {
        String name = partition.spec().name();
        GuestService service = run(partition, "cgroups", "cat /proc/self/cgroup; echo listing=$(ls /sys/fs/cgroup | wc -l); "
            + "echo $$ 2>/dev/null > /sys/fs/cgroup/pids/cgroup.procs; echo leave=$?; cat /proc/self/cgroup");

        String output = service.output();
        List<String> firstView = output.lines().takeWhile(l -> !l.startsWith("listing=")).toList();
        List<String> lastView = output.lines().dropWhile(l -> !l.startsWith("leave=")).skip(1).toList();
        for (String controller : List.of("cpu", "cpuset", "memory", "pids")) {
            assertThat(firstView).as(controller).anyMatch(l -> l.matches("\\d+:([^:]*,)?" + controller + "(,[^:]*)?:/pneuma/" + name));
        }
        assertThat(firstView).contains("0::/pneuma/" + name);
        assertThat(output).contains("listing=0").doesNotContain("leave=0");
        assertThat(lastView).as("after trying to leave").containsExactlyElementsOf(firstView);
    }

    @Test
    void aServiceRunsWithTheCutCapabilitySetAndNoNewPrivileges() throws Exception {
        GuestService service = run(partition, "caps", "grep -E '^(CapEff|CapBnd|CapPrm|NoNewPrivs)' /proc/self/status");

        // chown, dac_override, fowner, fsetid, kill, setgid, setuid, setpcap, net_bind_service, net_raw, sys_chroot,
        // mknod, audit_write, setfcap: bits 0 1 3 4 5 6 7 8 10 13 18 27 29 31.
        long expected = bits(0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31);
        String output = service.output();
        for (String set : List.of("CapEff", "CapBnd", "CapPrm")) {
            assertThat(Long.parseUnsignedLong(valueOf(output, set, ":\\s*"), 16)).as(set).isEqualTo(expected);
        }
        assertThat(expected & (1L << 21)).as("CAP_SYS_ADMIN").isZero();
        assertThat(valueOf(output, "NoNewPrivs", ":\\s*")).isEqualTo("1");
    }

    @Test
    void aServiceCannotOpenDeviceNodesOutsideTheAllowListThatTheHostCanOpen() throws Exception {
        List<Path> devices = List.of(Path.of("/dev/kvm"), Path.of("/dev/console"));
        for (Path device : devices) {
            try (var channel = Files.newByteChannel(device)) {
                assertThat(channel.isOpen()).as("the host can open " + device).isTrue();
            }
        }

        GuestService service = run(partition, "devices", "for d in /dev/kvm /dev/console; do "
            + "(exec 3< $d) 2>/dev/null; echo $d=$?; done; head -c 1 /dev/urandom > /dev/null; echo urandom=$?");

        assertThat(service.output()).contains("/dev/kvm=2", "/dev/console=2", "urandom=0");
        GuestService why = run(partition, "devices-why", "exec 3< /dev/kvm");
        assertThat(why.output()).contains("Operation not permitted");
    }

    private static List<String> hostInterfaces() {
        List<String> names = new ArrayList<>();
        GuestHost.read(Path.of("/proc/net/dev")).lines().skip(2).forEach(l -> names.add(l.split(":")[0].strip()));
        return names;
    }

    private static long bits(int... positions) {
        return Arrays.stream(positions).mapToLong(p -> 1L << p).reduce(0, (a, b) -> a | b);
    }

    private static String valueOf(String output, String key) {
        return valueOf(output, key, "=");
    }

    private static String valueOf(String output, String key, String separator) {
        return output.lines().filter(l -> l.matches(key + separator + ".*")).findFirst()
            .map(l -> l.replaceFirst(key + separator, "").strip())
            .orElseThrow(() -> new AssertionError("no " + key + " in: " + output));
    }
}
