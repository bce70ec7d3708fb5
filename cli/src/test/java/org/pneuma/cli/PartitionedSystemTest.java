package org.pneuma.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pneuma.channel.CommandFrame;
import org.pneuma.channel.CommandMailbox;
import org.pneuma.channel.CommandRequestWriter;
import org.pneuma.channel.RunDirectory;
import org.pneuma.hypervisor.config.GuestBackendChoice;
import org.pneuma.hypervisor.config.SystemConfig;
import org.pneuma.hypervisor.config.SystemConfigLoader;
import org.pneuma.hypervisor.supervisor.ControlClient;
import org.pneuma.hypervisor.supervisor.FaultReport;
import org.pneuma.hypervisor.supervisor.Supervisor;
import org.pneuma.hypervisor.supervisor.SupervisorOptions;
import org.pneuma.hypervisor.supervisor.SystemStatus;
import org.pneuma.safety.command.OperatorCommand;
import org.pneuma.safety.command.OperatorCommandCodec;
import org.pneuma.safety.command.SettingField;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The whole system, as {@code pneuma run} boots it with the sandbox backend and the default configuration:
 * a real safety partition process ventilating the simulated patient, guest services in a real sandboxed
 * partition. Every fault type is injected through the control endpoint, one after another, while an
 * independent reader of the sensor bus checks every breath: ventilation must not change, the only alarms
 * are the technical ones the fault calls for, and they clear when the guest is well again. Last, the safety
 * process is killed: it comes back with the last accepted settings and CONTROL_FAILURE, and shutdown leaves
 * nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionedSystemTest {
    private static final Set<String> TECHNICAL = Set.of("DISPLAY_LOST", "GUEST_FAULT");
    private static final VentilationSettings SET = VentilationSettings.DEFAULTS;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private RunDirectory run;
    private Supervisor supervisor;
    private Thread supervising;
    private VentilationWatch watch;
    private VentilationWatch.Breath baseline;

    @BeforeAll
    void boot() throws Exception {
        SystemConfig config = SystemConfigLoader.load(Path.of("../config/pneuma.yaml"),
            Runtime.getRuntime().availableProcessors());
        run = new RunDirectory(Path.of("/dev/shm/pneuma-test-" + ProcessHandle.current().pid()));
        supervisor = Supervisor.boot(new SupervisorOptions(config, GuestBackendChoice.SANDBOX, run,
            SystemPartitionCommands::alarmNames), new SystemPartitionCommands(), line -> {
            log.add(line);
            System.out.println("[system] " + line);
        });
        supervising = Thread.ofPlatform().name("supervising").start(() -> supervisor.run(null));
        watch = new VentilationWatch(run);
        awaitTrue("three breaths published", Duration.ofSeconds(30), () -> watch.breaths().size() >= 4);
        List<VentilationWatch.Breath> first = watch.breaths();
        baseline = first.getLast();
        awaitHealthyGuest();
    }

    @AfterAll
    void shutDown() throws Exception {
        if (watch != null) watch.close();
        if (supervisor != null) {
            supervisor.requestStop();
            supervising.join(5000);
            supervisor.shutdown();
        }
    }

    @Test
    @Order(1)
    void comesUpWithTheSandboxAndLiveNumerics() {
        SystemStatus status = status();
        assertThat(status.safety().alive()).isTrue();
        assertThat(status.safety().realtimeRefusals()).as("real-time refusals on a root host with SCHED_FIFO").isZero();
        assertThat(status.guest().backend()).isEqualTo("sandbox");
        assertThat(status.guest().services()).extracting(SystemStatus.Service::name)
            .containsExactly("display", "recorder", "uploader");
        assertThat(status.guest().services()).allMatch(SystemStatus.Service::alive);
        assertThat(status.numerics().fresh()).isTrue();
        assertThat(status.numerics().peepCmH2O()).isCloseTo(SET.peepCmH2O(), within(1.0));
        assertThat(status.numerics().pipCmH2O()).isCloseTo(SET.peepCmH2O() + SET.dpCmH2O(), within(1.5));
        assertThat(status.loop().ticks()).isGreaterThan(1000);
        assertThat(status.alarms()).isEmpty();
        assertThat(status.guest().limits()).anyMatch(l -> l.contains("cpu")).anyMatch(l -> l.contains("memory"));
    }

    @Test
    @Order(2)
    void guestKillRaisesDisplayLostUntilTheDisplayIsBack() {
        long restartsBefore = service("display").restarts();
        FaultReport report = inject("guest-kill");
        assertThat(report.injected()).isTrue();
        awaitTrue("DISPLAY_LOST raised", Duration.ofSeconds(5), () -> watch.alarmsNow().contains("DISPLAY_LOST"));
        awaitHealthyGuest();
        assertThat(service("display").restarts()).isGreaterThan((int) restartsBefore);
        assertVentilationUnchangedSince(report);
    }

    @Test
    @Order(3)
    void guestHangRaisesDisplayLostAndTheDisplayIsReplaced() {
        long restartsBefore = service("display").restarts();
        FaultReport report = inject("guest-hang");
        assertThat(report.injected()).isTrue();
        awaitTrue("DISPLAY_LOST raised after the heartbeat timeout", Duration.ofSeconds(10),
            () -> watch.alarmsNow().contains("DISPLAY_LOST"));
        awaitHealthyGuest();
        assertThat(service("display").restarts()).isGreaterThan((int) restartsBefore);
        assertVentilationUnchangedSince(report);
    }

    @Test
    @Order(4)
    void aDisplayThatKeepsFailingGetsTheWholeGuestPartitionRestarted() {
        watch.forgetAlarms();
        long startedNs = System.nanoTime();
        int partitionRestarts = status().guest().partitionRestarts();
        for (int kill = 1; kill <= 3 && status().guest().partitionRestarts() == partitionRestarts; kill++) {
            awaitTrue("the display running before kill " + kill, Duration.ofSeconds(20), () -> service("display").alive());
            injectedAtNs = System.nanoTime();
            ControlClient.request(run, "fault guest-kill");
            long killedAt = System.nanoTime();
            awaitTrue("the display failure noticed", Duration.ofSeconds(5), () -> !service("display").alive()
                || status().guest().partitionRestarts() > partitionRestarts || System.nanoTime() - killedAt > 500_000_000L);
        }
        awaitTrue("the guest partition restarted after the display's third failure in a row", Duration.ofSeconds(30),
            () -> status().guest().partitionRestarts() == partitionRestarts + 1);
        assertThat(log).anyMatch(l -> l.contains("restarting the guest partition: display failed 3 times in a row"));
        awaitHealthyGuest();
        assertThat(watch.alarmsSeen()).isSubsetOf(TECHNICAL);
        injectedAtNs = startedNs;
        assertVentilationUnchangedSince(new FaultReport("guest-kill x3", true, "", "", "", -1, ""));
    }

    @Test
    @Order(5)
    void cpuHogIsContained() {
        loadIsSurvived("guest-cpu-hog");
    }

    @Test
    @Order(6)
    void memoryHogIsContained() {
        loadIsSurvived("guest-memory-hog");
    }

    @Test
    @Order(7)
    void forkBombIsContained() {
        loadIsSurvived("guest-fork-bomb");
    }

    @Test
    @Order(8)
    void ioFloodIsContained() {
        loadIsSurvived("guest-io-flood");
    }

    @Test
    @Order(9)
    void busWriteAttemptIsRefusedEveryWay() {
        long sequenceBefore = status().numerics().sequence();
        FaultReport report = inject("bus-write-attempt");
        assertThat(report.exitCode()).as(report.result()).isZero();
        assertThat(report.result()).startsWith("RESULT bus-write-attempt").doesNotContain("BREACH");
        assertThat(status().numerics().sequence()).isGreaterThan(sequenceBefore);
        assertVentilationUnchangedSince(report);
    }

    @Test
    @Order(10)
    void commandFloodIsRateLimitedAndChangesNothing() {
        SystemStatus.Commands before = status().commands();
        FaultReport report = inject("command-flood", "--seconds", "3");
        assertThat(report.exitCode()).as(report.result()).isZero();
        assertThat(report.result()).contains("settings_accepted=0");
        SystemStatus.Commands after = status().commands();
        assertThat(after.rejected()).isGreaterThan(before.rejected());
        assertThat(after.rateLimited()).isGreaterThan(before.rateLimited());
        assertNoSettingsChangeAccepted();
        assertVentilationUnchangedSince(report);
    }

    @Test
    @Order(11)
    void commandGarbageIsNeverAccepted() {
        SystemStatus.Commands before = status().commands();
        FaultReport report = inject("command-garbage", "--frames", "1000000");
        assertThat(report.exitCode()).as(report.result()).isZero();
        SystemStatus.Commands after = status().commands();
        assertThat(after.garbledFrames() + after.rejected()).isGreaterThan(before.garbledFrames() + before.rejected());
        assertNoSettingsChangeAccepted();
        assertVentilationUnchangedSince(report);
    }

    @Test
    @Order(12)
    void aKilledSafetyPartitionResumesTheLastAcceptedSettingsAndSaysSo() throws Exception {
        // The floods before used up this second's command budget: the rate limit does not tell guests apart.
        sleep(Duration.ofMillis(1500));
        long accepted = status().commands().accepted();
        try (CommandMailbox mailbox = CommandMailbox.mapForGuest(run.commandMailbox())) {
            CommandRequestWriter writer = mailbox.requestWriter();
            CommandFrame frame = OperatorCommandCodec.encode(new OperatorCommand.ChangeSettings(4711, null, null,
                Map.of(SettingField.RATE_BPM, 20.0)), new CommandFrame());
            awaitTrue("the rate change offered", Duration.ofSeconds(5), () -> writer.offer(frame) > 0);
        }
        awaitTrue("the rate change accepted", Duration.ofSeconds(5), () -> status().commands().accepted() > accepted);
        awaitTrue("the settings persisted", Duration.ofSeconds(5), () -> Files.exists(run.safetySettings()));
        long pid = status().safety().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        awaitTrue("the safety partition restarted", Duration.ofSeconds(30),
            () -> status().safety().restarts() == 1 && status().safety().alive() && status().safety().pid() != pid);
        awaitTrue("CONTROL_FAILURE signalled after the gap", Duration.ofSeconds(10),
            () -> watch.alarmsNow().contains("CONTROL_FAILURE"));
        long resumedNs = System.nanoTime();
        awaitTrue("three breaths after the restart", Duration.ofSeconds(30),
            () -> watch.breathsSince(resumedNs).size() >= 3);
        assertThat(watch.breathsSince(resumedNs).getLast().rateBpm()).isCloseTo(20.0, within(0.5));
    }

    @Test
    @Order(13)
    void aHungSafetyPartitionIsReplacedAndResumes() throws Exception {
        long pid = status().safety().pid();
        int restarts = status().safety().restarts();
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
        assertThat(stop.waitFor()).isZero();
        awaitTrue("the hung safety partition replaced", Duration.ofSeconds(30),
            () -> status().safety().restarts() == restarts + 1 && status().safety().alive() && status().safety().pid() != pid);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        long resumedNs = System.nanoTime();
        awaitTrue("two breaths after the restart", Duration.ofSeconds(30), () -> watch.breathsSince(resumedNs).size() >= 2);
        assertThat(watch.breathsSince(resumedNs).getLast().rateBpm()).isCloseTo(20.0, within(0.5));
        assertThat(watch.alarmsNow()).contains("CONTROL_FAILURE");
        assertThat(log).anyMatch(l -> l.contains("safety partition failed: no tick for more than"));
    }

    @Test
    @Order(14)
    void shutdownLeavesNothingBehind() throws Exception {
        SystemStatus status = status();
        System.out.println("[test] status before shutdown:\n" + StatusText.render(status, 0));
        watch.close();
        watch = null;
        supervisor.requestStop();
        supervising.join(5000);
        supervisor.shutdown();
        assertThat(run.root()).doesNotExist();
        String partition = status.guest().name();
        assertThat(partition).startsWith("guest-");
        assertThat(Path.of("/sys/fs/cgroup")).isDirectoryNotContaining(p -> Files.isDirectory(p.resolve("pneuma").resolve(partition)));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments()
            .map(a -> List.of(a).contains(run.root().toString())).orElse(false)).toList()).isEmpty();
        assertThat(ControlClient.isRunning(run)).isFalse();
    }

    private void loadIsSurvived(String fault) {
        FaultReport report = inject(fault, "");
        assertThat(report.injected()).as(report.detail()).isTrue();
        sleep(Duration.ofSeconds(7));
        awaitHealthyGuest();
        assertVentilationUnchangedSince(report);
    }

    private long injectedAtNs;

    private FaultReport inject(String fault, String... options) {
        watch.forgetAlarms();
        watch.forgetGaps();
        injectedAtNs = System.nanoTime();
        String request = "fault " + fault + " 5" + (options.length == 0 ? "" : " " + String.join(" ", options));
        FaultReport report = FaultReport.fromJson(ControlClient.request(run, request.strip()));
        System.out.println("[test] " + report);
        return report;
    }

    /**
     * The safety partition persists its settings on every accepted change and on nothing else: no file, no change.
     * (An acknowledge or audio pause among the frames may be accepted: they change no setting.)
     */
    private void assertNoSettingsChangeAccepted() {
        assertThat(run.safetySettings()).as("settings persisted after an accepted change").doesNotExist();
    }

    /** Every breath since the fault as the baseline, and no alarm but the technical ones. */
    private void assertVentilationUnchangedSince(FaultReport report) {
        awaitTrue("two breaths since " + report.fault(), Duration.ofSeconds(20),
            () -> watch.breathsSince(injectedAtNs).size() >= 2);
        List<VentilationWatch.Breath> during = watch.breathsSince(injectedAtNs);
        for (VentilationWatch.Breath b : during) {
            assertThat(b.pipCmH2O()).as("PIP of breath %d during %s", b.number(), report.fault())
                .isCloseTo(baseline.pipCmH2O(), within(1.0));
            assertThat(b.peepCmH2O()).as("PEEP of breath %d during %s", b.number(), report.fault())
                .isCloseTo(baseline.peepCmH2O(), within(0.5));
            assertThat(b.vteMl()).as("Vte of breath %d during %s", b.number(), report.fault())
                .isCloseTo(baseline.vteMl(), within(0.05 * baseline.vteMl()));
            assertThat(b.rateBpm()).as("rate of breath %d during %s", b.number(), report.fault())
                .isCloseTo(baseline.rateBpm(), within(0.2));
        }
        assertThat(watch.alarmsSeen()).as("alarms during " + report.fault()).isSubsetOf(TECHNICAL);
        assertThat(watch.longestSilenceNs()).as("longest gap between consecutive bus samples (their own time)")
            .isLessThan(200_000_000L);
    }

    private void awaitHealthyGuest() {
        awaitTrue("every guest service alive and beating, no technical alarm", Duration.ofSeconds(40), () -> {
            SystemStatus s = status();
            return s.guest().services().stream().allMatch(svc -> svc.alive() && svc.heartbeatAgeS() < 1.5)
                && watch.alarmsNow().isEmpty();
        });
    }

    private SystemStatus.Service service(String name) {
        return status().guest().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private SystemStatus status() {
        return SystemStatus.fromJson(ControlClient.request(run, "status"));
    }

    private void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "\nstatus:\n"
                    + StatusText.render(status(), 40));
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
