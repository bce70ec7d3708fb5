package org.pneuma.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.hal.Indicator.LampColour;
import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.Valves;
import org.pneuma.hal.VentilatorHardware;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmListener;
import org.pneuma.safety.alarm.AlarmManager;
import org.pneuma.safety.alarm.AlarmMonitor;
import org.pneuma.safety.alarm.AlarmPriority;
import org.pneuma.safety.alarm.fake.ManualClock;
import org.pneuma.safety.alarm.fake.RecordingIndicator;
import org.pneuma.safety.alarm.fake.RecordingSounder;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.control.ControlStep;
import org.pneuma.safety.control.VentilationController;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.Mode;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The safety partition's tick on fake hardware: a control step that throws or stalls is caught and
 * abandoned while the monitor raises CONTROL_FAILURE and the valves get the safe state on that same
 * tick; the alarm word goes out on the sensor bus; and (performance evidence, kept apart) a tick
 * allocates nothing in steady state with the monitor running and an alarm sounding.
 */
class SafetyPartitionTest {
    static final long MS = 1_000_000L;
    static final long ORIGIN_NS = 5_400_000 * MS;
    static final CircuitCalibration CIRCUIT = new CircuitCalibration(1.0, 0, 0);

    /**
     * A one-compartment lung behind ideal valves, stepped 1 ms by every valve command: inflow from the
     * valve openings, outflow through the expiratory valve above its pilot and through the safety
     * valve when open. Every reading carries a small repeating jitter (a live sensor is never frozen).
     * Allocates nothing.
     */
    static final class FakeLung implements Sensors, Valves {
        static final double COMPLIANCE_ML_PER_CMH2O = 30;
        static final double EXPIRATORY_VALVE_CMH2O_S_PER_ML = 0.005;
        static final double SAFETY_VALVE_CMH2O_S_PER_ML = 0.002;
        final ValveCommand last = new ValveCommand();
        double volumeMl;
        double oxygenPercent = 40;
        long applied;
        private double inflow;
        private double oxygenShare;
        private double outflow;

        double pressureCmH2O() {
            return volumeMl / COMPLIANCE_ML_PER_CMH2O;
        }

        @Override
        public void apply(ValveCommand c) {
            last.airOpening = c.airOpening;
            last.oxygenOpening = c.oxygenOpening;
            last.expiratoryPilotCmH2O = c.expiratoryPilotCmH2O;
            last.safetyValveOpen = c.safetyValveOpen;
            applied++;
            double p = pressureCmH2O();
            inflow = (c.airOpening + c.oxygenOpening) * 3000;
            oxygenShare = inflow > 0 ? c.oxygenOpening * 3000 / inflow : 0;
            outflow = Math.max(0, p - c.expiratoryPilotCmH2O) / EXPIRATORY_VALVE_CMH2O_S_PER_ML
                    + (c.safetyValveOpen ? Math.max(0, p) / SAFETY_VALVE_CMH2O_S_PER_ML : 0);
            volumeMl = Math.max(0, volumeMl + (inflow - outflow) * 0.001);
        }

        @Override
        public void read(SensorFrame f) {
            double jitter = 0.001 * ((applied * 7) % 5 - 2);
            f.inspiratoryPressureCmH2O = pressureCmH2O() + jitter;
            f.expiratoryPressureCmH2O = pressureCmH2O() + jitter;
            f.airFlowMlPerS = inflow * (1 - oxygenShare) + jitter;
            f.oxygenFlowMlPerS = inflow * oxygenShare + jitter;
            f.expiratoryFlowMlPerS = outflow + jitter;
            f.oxygenPercent = oxygenPercent + jitter;
        }
    }

    /** The controller as the partition's control step, made to throw or stall on demand. */
    static final class ScriptableControlStep implements ControlStep {
        final VentilationController controller;
        boolean throwing;
        boolean stalled;
        /** Written before the throw: half a command the valves must never get. */
        double airOpeningWhenThrowing = 1;
        long calls;

        ScriptableControlStep(VentilationController controller) {
            this.controller = controller;
        }

        @Override
        public void step(long nowNs, SensorFrame sensors, ValveCommand out) {
            calls++;
            if (stalled) return;
            if (throwing) {
                out.airOpening = airOpeningWhenThrowing;
                throw new IllegalStateException("control step failed");
            }
            controller.step(nowNs, sensors, out);
        }

        @Override
        public long heartbeat() {
            return controller.heartbeat();
        }

        @Override
        public BreathPhase phase() {
            return controller.phase();
        }

        @Override
        public boolean backupActive() {
            return controller.backupActive();
        }
    }

    /** Remembers what the alarm manager reported (functional tests only: it allocates). */
    record Reported(AlarmId id, AlarmListener.Event event, long atNs) {
    }

    /** A partition on the fake lung, ticked every millisecond of a manual clock. */
    static final class Rig {
        final ManualClock clock = new ManualClock(ORIGIN_NS);
        final FakeLung lung = new FakeLung();
        final RecordingSounder sounder = new RecordingSounder();
        final RecordingIndicator indicator = new RecordingIndicator();
        final ScriptableControlStep step;
        final AlarmManager alarms;
        final SafetyPartition partition;
        final SensorBus bus = SensorBus.allocate(16);
        final SensorBusReader reader = bus.newReader(Long.MAX_VALUE);
        final SensorSample sample = new SensorSample();

        Rig(VentilationSettings settings, AlarmListener listener) {
            AlarmLimits limits = AlarmLimits.defaultsFor(settings);
            VentilationController controller = new VentilationController(settings, CIRCUIT, ValveCalibration.STANDARD,
                    BreathListener.NONE);
            controller.changeAlarmLimits(limits);
            step = new ScriptableControlStep(controller);
            alarms = new AlarmManager(listener);
            AlarmMonitor monitor = new AlarmMonitor(lung, step, CIRCUIT, ValveCalibration.STANDARD, alarms, settings, limits);
            partition = new SafetyPartition(new VentilatorHardware(clock, lung, lung, sounder, indicator),
                    controller, step, monitor, alarms, new SensorDataPublisher(bus.writer()));
        }

        void tick() {
            partition.tick();
            clock.advanceNs(MS);
        }

        void runMs(long ms) {
            for (long i = 0; i < ms; i++) tick();
        }

        /** The time of the tick that ran last. */
        long lastTickNs() {
            return clock.nanoTime() - MS;
        }

        SensorSample latest() {
            assertThat(reader.readLatest(sample)).isEqualTo(ReadStatus.OK);
            return sample;
        }
    }

    private static boolean safeState(ValveCommand c) {
        return c.safetyValveOpen && c.airOpening == 0 && c.oxygenOpening == 0 && c.expiratoryPilotCmH2O == 0;
    }

    @Nested
    class Functional {
        final List<Reported> reported = new ArrayList<>();
        final Rig rig = new Rig(VentilationSettings.DEFAULTS, (id, event, nowNs) -> reported.add(new Reported(id, event, nowNs)));

        @BeforeEach
        void ventilating() {
            rig.runMs(20_000);
            assertThat(rig.lung.pressureCmH2O()).as("the lung is being ventilated").isPositive();
            assertThat(rig.alarms.signalBits()).as("alarms of a normal run: %s", reported).isZero();
        }

        @Test
        void aThrowingControlStepIsCaughtAndNeverCalledAgain() {
            rig.step.throwing = true;
            rig.tick();
            long callsAfterTheThrow = rig.step.calls;
            rig.step.throwing = false;

            rig.runMs(10_000);

            assertThat(rig.step.calls).isEqualTo(callsAfterTheThrow);
            assertThat(rig.lung.applied).as("the valves are still driven every tick").isEqualTo(30_001);
        }

        @Test
        void onTheTickThatThrowsControlFailureIsRaisedAndTheValvesGetTheSafeState() {
            rig.step.throwing = true;

            rig.tick();

            assertThat(safeState(rig.lung.last)).as("valves given %s", rig.lung.last).isTrue();
            assertThat(rig.alarms.conditionActive(AlarmId.CONTROL_FAILURE)).isTrue();
            assertThat(reported).contains(new Reported(AlarmId.CONTROL_FAILURE, AlarmListener.Event.RAISED, rig.lastTickNs()));
        }

        @Test
        void afterAThrowTheSafeStateIsHeldAndTheAlarmGoesOnSounding() {
            rig.step.throwing = true;
            rig.tick();
            long pulsesBefore = rig.sounder.onEdges;

            for (int i = 0; i < 30_000; i++) {
                rig.tick();
                assertThat(safeState(rig.lung.last)).isTrue();
            }

            assertThat(rig.sounder.onEdges - pulsesBefore).as("sounder pulses in 30 s").isPositive();
            assertThat(rig.alarms.audible(rig.clock.nanoTime())).isEqualTo(AlarmPriority.HIGH);
            assertThat(rig.indicator.colour).isNotEqualTo(LampColour.OFF);
            assertThat(rig.lung.pressureCmH2O()).as("the lung vented to ambient").isLessThan(0.5);
        }

        @Test
        void aStalledControlStepIsFailedTwentyMsAfterItsLastStepWithTheSafeState() {
            rig.step.stalled = true;
            long lastStep = rig.lastTickNs();

            rig.runMs(19);
            assertThat(rig.alarms.conditionActive(AlarmId.CONTROL_FAILURE)).isFalse();
            assertThat(safeState(rig.lung.last)).isFalse();

            rig.tick();
            assertThat(rig.lastTickNs() - lastStep).isEqualTo(20 * MS);
            assertThat(rig.alarms.conditionActive(AlarmId.CONTROL_FAILURE)).isTrue();
            assertThat(safeState(rig.lung.last)).isTrue();
        }

        @Test
        void theAlarmWordOnTheSensorBusCarriesTheAlarmBitsOfTheTick() {
            assertThat(rig.latest().alarmBits()).isZero();

            rig.step.throwing = true;
            rig.tick();

            SensorSample published = rig.latest();
            assertThat(published.timeNs()).isEqualTo(rig.lastTickNs());
            assertThat(published.alarmBits()).isEqualTo(AlarmId.CONTROL_FAILURE.bit());
            assertThat(published.safetyValveOpen()).as("the command published is the one applied").isTrue();
            assertThat(published.airValveOpening()).isZero();
        }

        @Test
        void theAlarmWordHasABitForEverySignallingAlarm() {
            rig.step.throwing = true;
            rig.tick();
            rig.lung.oxygenPercent = 5; // out of the O2 cell's range

            rig.tick();

            assertThat(rig.latest().alarmBits())
                    .isEqualTo(AlarmId.CONTROL_FAILURE.bit() | AlarmId.SENSOR_FAULT.bit())
                    .isEqualTo(rig.alarms.signalBits());
        }

        @Test
        void aLatchedAlarmStaysInTheAlarmWordUntilAcknowledgedThroughThePartition() {
            rig.lung.volumeMl = 90 * FakeLung.COMPLIANCE_ML_PER_CMH2O; // a cough to 90 cmH2O
            rig.runMs(1_000);
            assertThat(rig.alarms.conditionActive(AlarmId.HIGH_PRESSURE)).isFalse();
            assertThat(rig.latest().alarmBits() & AlarmId.HIGH_PRESSURE.bit()).as("latched").isNotZero();

            rig.partition.acknowledge();
            rig.tick();

            assertThat(rig.latest().alarmBits() & AlarmId.HIGH_PRESSURE.bit()).isZero();
        }

        @Test
        void platformConditionsRaiseAndClearTheirAlarmsAndGoOutOnTheBus() {
            rig.partition.platformCondition(AlarmId.DISPLAY_LOST, true);
            rig.tick();
            assertThat(rig.latest().alarmBits()).isEqualTo(AlarmId.DISPLAY_LOST.bit());
            assertThat(rig.alarms.audible(rig.clock.nanoTime())).isEqualTo(AlarmPriority.MEDIUM);

            rig.partition.platformCondition(AlarmId.GUEST_FAULT, true);
            rig.partition.platformCondition(AlarmId.DISPLAY_LOST, false);
            rig.tick();
            assertThat(rig.latest().alarmBits()).as("DISPLAY_LOST does not latch").isEqualTo(AlarmId.GUEST_FAULT.bit());

            rig.partition.platformCondition(AlarmId.GUEST_FAULT, false);
            rig.tick();
            assertThat(rig.latest().alarmBits()).isZero();
            assertThat(reported).extracting(Reported::id).containsOnly(AlarmId.DISPLAY_LOST, AlarmId.GUEST_FAULT);
        }

        @Test
        void onlyThePlatformsOwnAlarmsCanBeRaisedAsPlatformConditions() {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> rig.partition.platformCondition(AlarmId.CONTROL_FAILURE, true))
                    .withMessageContaining("CONTROL_FAILURE is not raised by the platform");
            assertThat(rig.alarms.signalBits()).isZero();
        }

        @Test
        void anInterruptedControlRaisesControlFailureUntilAcknowledgedWhileVentilationGoesOn() {
            rig.partition.controlInterrupted();
            rig.runMs(60_000);

            assertThat(rig.latest().alarmBits()).as("held for a minute").isEqualTo(AlarmId.CONTROL_FAILURE.bit());
            assertThat(rig.alarms.audible(rig.clock.nanoTime())).isEqualTo(AlarmPriority.HIGH);
            assertThat(safeState(rig.lung.last)).as("control goes on: no safe state").isFalse();
            assertThat(rig.lung.pressureCmH2O()).isPositive();

            rig.partition.acknowledge();
            rig.tick();
            assertThat(rig.latest().alarmBits()).isZero();
        }

        @Test
        void abandonedControlIsNeverSteppedAgainAndTheSafeStateFollowsOnTheNextTick() {
            long calls = rig.step.calls;
            rig.partition.abandonControl();
            assertThat(rig.partition.controlAbandoned()).isTrue();

            rig.tick();
            assertThat(rig.step.calls).isEqualTo(calls);
            assertThat(rig.alarms.conditionActive(AlarmId.CONTROL_FAILURE)).isTrue();
            assertThat(safeState(rig.lung.last)).isTrue();

            rig.runMs(5_000);
            assertThat(rig.step.calls).isEqualTo(calls);
            assertThat(safeState(rig.lung.last)).isTrue();
            assertThat(rig.latest().alarmBits() & AlarmId.CONTROL_FAILURE.bit()).isNotZero();
        }

        @Test
        void audioPauseThroughThePartitionSilencesTheSounderForOneHundredTwentySecondsButNotTheLight() {
            rig.lung.volumeMl = 90 * FakeLung.COMPLIANCE_ML_PER_CMH2O; // a cough to 90 cmH2O: HIGH_PRESSURE latches
            rig.runMs(1_000);
            assertThat(rig.sounder.onEdges).isPositive();

            long pausedAt = rig.clock.nanoTime();
            rig.partition.pauseAudio();
            rig.tick();
            long pulses = rig.sounder.onEdges;
            long lightChanges = rig.indicator.changes;
            rig.runMs(119_999);

            assertThat(rig.lastTickNs() - pausedAt).isEqualTo(119_999 * MS);
            assertThat(rig.sounder.on).isFalse();
            assertThat(rig.sounder.onEdges).as("pulses in the pause").isEqualTo(pulses);
            assertThat(rig.indicator.changes - lightChanges).as("the light goes on flashing").isGreaterThan(100);

            rig.tick();
            assertThat(rig.sounder.on).as("120 s after the pause").isTrue();
        }
    }

    /**
     * Performance evidence: a warmed-up tick allocates nothing over 60 simulated seconds, with the
     * controller, the monitor (its own breath meter and leak estimate), the alarm signals and the bus
     * all running and an APNEA alarm sounding: PSV without a breathing patient, on backup breaths.
     *
     * <p>The JIT compiler can move the thread's allocation counter while it compiles, so the tick
     * passes when, after warm-up, one of a few consecutive 60 s windows allocates nothing; a tick that
     * allocated per tick, breath or pulse would allocate in every window.
     */
    @Nested
    class AllocationInSteadyState {
        static final long WARM_UP_MS = 30_000;
        static final long MEASURED_MS = 60_000;
        static final int MAX_WINDOWS = 5;

        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().threadId();
        long meterOverheadBytes = Long.MAX_VALUE;

        @BeforeEach
        void measureTheMeter() {
            assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
            threads.setThreadAllocatedMemoryEnabled(true);
            Runnable nothing = () -> { };
            for (int i = 0; i < 1_000; i++) {
                meterOverheadBytes = Math.min(meterOverheadBytes, rawAllocatedBytesDuring(nothing));
            }
            assertThat(meterOverheadBytes).as("the meter's own allocation").isLessThan(64);
        }

        long rawAllocatedBytesDuring(Runnable work) {
            long before = threads.getThreadAllocatedBytes(threadId);
            work.run();
            return threads.getThreadAllocatedBytes(threadId) - before;
        }

        List<Long> allocationPerWindow(Runnable window) {
            List<Long> windows = new ArrayList<>(MAX_WINDOWS);
            for (int i = 0; i < MAX_WINDOWS; i++) {
                long allocated = rawAllocatedBytesDuring(window) - meterOverheadBytes;
                windows.add(allocated);
                if (allocated <= 0) break;
            }
            return windows;
        }

        static VentilationSettings apnoeicPsv() {
            return VentilationSettings.DEFAULTS.toBuilder().mode(Mode.PSV).build();
        }

        @Test
        void aWarmedUpTickAllocatesNothingWithTheMonitorRunningAndAnAlarmSounding() {
            Rig rig = new Rig(apnoeicPsv(), AlarmListener.NONE);
            rig.runMs(WARM_UP_MS);
            assertThat(rig.alarms.conditionActive(AlarmId.APNEA)).as("apnea raised").isTrue();
            long pulsesBefore = rig.sounder.onEdges;
            long breathsBefore = rig.partition.monitor().lastBreath().number;

            List<Long> windows = allocationPerWindow(() -> rig.runMs(MEASURED_MS));

            assertThat(windows.getLast()).as("bytes allocated per %d ms window: %s", MEASURED_MS, windows)
                    .isLessThanOrEqualTo(0);
            assertThat(rig.alarms.audible(rig.clock.nanoTime())).as("sounding").isEqualTo(AlarmPriority.HIGH);
            assertThat(rig.sounder.onEdges - pulsesBefore).as("sounder pulses while measured").isPositive();
            assertThat(rig.partition.monitor().lastBreath().number - breathsBefore)
                    .as("backup breaths the monitor measured").isGreaterThanOrEqualTo(10);
            assertThat(rig.alarms.conditionActive(AlarmId.CONTROL_FAILURE)).isFalse();
        }

        /** Holds deliberate allocations so that they cannot be optimized away. */
        static volatile Object sink;

        @Test
        void theMeterSeesAValvePortThatAllocatesSixteenBytesATick() {
            Rig rig = new Rig(apnoeicPsv(), AlarmListener.NONE);
            Valves allocating = command -> sink = new byte[16];
            SafetyPartition leaky = new SafetyPartition(
                    new VentilatorHardware(rig.clock, rig.lung, allocating, rig.sounder, rig.indicator),
                    rig.step.controller, rig.step, rig.partition.monitor(), rig.alarms,
                    new SensorDataPublisher(SensorBus.allocate(16).writer()));
            Runnable window = () -> {
                for (int i = 0; i < MEASURED_MS; i++) {
                    leaky.tick();
                    rig.clock.advanceNs(MS);
                }
            };
            window.run();

            List<Long> windows = allocationPerWindow(window);

            assertThat(windows).as("every window allocates").hasSize(MAX_WINDOWS)
                    .allMatch(bytes -> bytes >= MEASURED_MS * 16);
        }
    }
}
