package org.pneuma.simulation;

import org.pneuma.channel.ReadStatus;
import org.pneuma.channel.SensorBus;
import org.pneuma.channel.SensorBusReader;
import org.pneuma.channel.SensorSample;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.Plant;
import org.pneuma.plant.PlantConfig;
import org.pneuma.hal.VentilatorHardware;
import org.pneuma.plant.SimulatedIndicator;
import org.pneuma.plant.SimulatedSounder;
import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.alarm.AlarmListener;
import org.pneuma.safety.alarm.AlarmManager;
import org.pneuma.safety.alarm.AlarmMonitor;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.SensorDataPublisher;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.control.PreUseCheck;
import org.pneuma.safety.control.VentilationController;
import org.pneuma.safety.settings.SettingsCheck;
import org.pneuma.safety.settings.SettingsValidator;
import org.pneuma.safety.settings.VentilationSettings;
import org.pneuma.simulation.scenario.AlarmLimitOverrides;
import org.pneuma.simulation.scenario.FaultNames;
import org.pneuma.simulation.scenario.Scenario;
import org.pneuma.simulation.scenario.ScenarioEvent;
import org.pneuma.simulation.scenario.ScenarioText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario: the {@link SafetyPartition} — ventilation control (through a
 * {@link FaultableControlStep}, so that a scenario can make it stall or throw), the alarm monitor and
 * manager that outrank it, the simulated alarm sounder and light, and the sensor bus it publishes on
 * — driving the simulated {@link Plant}, in deterministic simulated time, 1 ms ticks, as fast as the
 * CPU allows. Equal scenarios (and seeds) give equal runs, bit for bit.
 *
 * <h2>A run</h2>
 * <ol>
 *   <li>The pre-use check, on construction: {@link PreUseCheck} on a twin of the plant (same
 *       configuration and circuit) with the Y-piece capped, as an operator does before connecting the
 *       patient. It measures the circuit compliance the controller then compensates for. Its time is
 *       not scenario time, and it leaves the patient's plant untouched, so scenario time, plant time
 *       and the controller's clock all start at 0 together.</li>
 *   <li>Each tick, at {@code nowNs}: apply the events due (in time order) → the partition's tick
 *       (read the plant's sensors, control step, alarm monitor, drive the plant's valves, sounder and
 *       light, publish on the sensor bus) → note the first tick the plant's safety valve is open →
 *       record → {@code plant.advance(1 ms)}. The waveform's ventilator columns are read back from
 *       the sensor bus, as the guest's display and recorder will read them.</li>
 * </ol>
 *
 * <h2>Alarm limits</h2>
 * The limits the scenario fixes stay; the others are {@link AlarmLimits#defaultsFor} the settings in
 * force, recomputed at each settings change. They are computed for every event on construction and
 * validated with the settings ({@link SettingsValidator#check(VentilationSettings, AlarmLimits)}): a
 * combination the ventilator would refuse is refused here too, and applying an event allocates
 * nothing.
 *
 * <h2>Recording or not</h2>
 * A {@linkplain #recording recording} runner copies each breath record, measures each breath on the
 * plant's truth, logs the events and every alarm event ({@link AlarmLog}: one {@link AlarmRecord} per
 * raise) and feeds an optional {@link WaveformSink}; {@link #run()} then returns the
 * {@link SimulationResult}. Both kinds keep every edge of the sounder and the light
 * ({@link #sounder()}, {@link #indicator()}) and the moment of the safe state. An {@linkplain #unrecorded unrecorded} runner does none of
 * that: its {@link #stepOnce()} allocates nothing, provided the controller and plant do not — the
 * path to benchmark and to prove allocation-free.
 *
 * <p>Single-threaded: one thread constructs and steps a runner.
 */
public final class ScenarioRunner {
    /** One control period. */
    public static final long TICK_NS = 1_000_000L;
    /** Ring size of the in-process sensor bus: one second of samples. */
    private static final int BUS_SLOTS = 1024;
    /** Sounder and light edges kept for checks (about an hour of a HIGH alarm). */
    private static final int SIGNAL_EDGE_CAPACITY = 1 << 17;
    /** Length of the rows of the summary table. */
    public static final double SUMMARY_SPAN_S = 10;

    private final Scenario scenario;
    private final Plant plant;
    private final VentilationController controller;
    private final SafetyPartition partition;
    private final FaultableControlStep controlStep;
    private final SimulatedSounder sounder;
    private final SimulatedIndicator indicator;
    private final SensorBus bus;
    private final SensorBusReader busReader;
    private final SensorSample busSample;
    private final PreUseCheckResult preUseCheck;

    private final ScenarioEvent[] events;
    private final long[] eventDueNs;
    /** The settings and alarm limits in force after each event (computed and validated up front). */
    private final VentilationSettings[] settingsAfter;
    private final AlarmLimits[] limitsAfter;
    private int nextEvent;
    private final long endNs;
    private long nowNs;
    private long safeStateAtNs = -1;

    private final boolean recording;
    private final List<ReportedBreath> reported;
    private final BreathTruthTracker truth;
    private final List<AppliedEvent> applied;
    private final AlarmLog alarmLog;
    private final WaveformSink waveform;
    private final WaveformSample sample;
    private VentilationSettings settingsInForce;
    private AlarmLimits limitsInForce;
    private PatientModel patientInForce;
    private boolean finished;

    private ScenarioRunner(Scenario scenario, boolean recording, WaveformSink waveform) {
        this.scenario = scenario;
        this.recording = recording;
        this.waveform = waveform;
        this.events = scenario.events().toArray(ScenarioEvent[]::new);
        this.eventDueNs = new long[events.length];
        for (int i = 0; i < events.length; i++) eventDueNs[i] = toTickNs(events[i].atS());
        this.endNs = toTickNs(scenario.durationS());
        this.settingsAfter = new VentilationSettings[events.length];
        this.limitsAfter = new AlarmLimits[events.length];
        AlarmLimits limits = settingsAndLimitsOverTime();

        PlantConfig config = scenario.plant();
        PreUseCheck check = runPreUseCheck(scenario.patient(), config);
        CircuitCalibration circuit = check.result();
        this.preUseCheck = new PreUseCheckResult(check.failure() == null, circuit.complianceMlPerCmH2O(), check.failure());

        this.plant = new Plant(scenario.patient(), config);
        this.reported = recording ? new ArrayList<>() : null;
        BreathListener listener = recording ? breath -> reported.add(ReportedBreath.copyOf(breath)) : BreathListener.NONE;
        this.controller = new VentilationController(scenario.settings(), circuit, config.valves(), listener);
        this.bus = SensorBus.allocate(BUS_SLOTS);
        controller.changeAlarmLimits(limits);
        this.sounder = new SimulatedSounder(this::nowNs, SIGNAL_EDGE_CAPACITY);
        this.indicator = new SimulatedIndicator(this::nowNs, SIGNAL_EDGE_CAPACITY);
        this.controlStep = new FaultableControlStep(controller);
        this.alarmLog = recording ? new AlarmLog() : null;
        AlarmManager alarms = new AlarmManager(recording ? alarmLog : AlarmListener.NONE);
        AlarmMonitor monitor = new AlarmMonitor(plant, controlStep, circuit, config.valves(), alarms,
                scenario.settings(), limits);
        this.partition = new SafetyPartition(new VentilatorHardware(this::nowNs, plant, plant, sounder, indicator),
                controller, controlStep, monitor, alarms, new SensorDataPublisher(bus.writer()));
        this.busReader = waveform != null ? bus.newReader(Long.MAX_VALUE) : null;
        this.busSample = waveform != null ? new SensorSample() : null;
        this.truth = recording ? new BreathTruthTracker() : null;
        this.applied = recording ? new ArrayList<>() : null;
        this.sample = waveform != null ? new WaveformSample() : null;
        this.settingsInForce = scenario.settings();
        this.limitsInForce = limits;
        this.patientInForce = scenario.patient();
    }

    /**
     * Fills {@link #settingsAfter} and {@link #limitsAfter}: the limits the scenario fixes, the
     * defaults for the settings in force for the others. Every combination must pass the settings
     * validator, as on the ventilator.
     *
     * @return the limits at the start
     * @throws IllegalArgumentException if the validator rejects one
     */
    private AlarmLimits settingsAndLimitsOverTime() {
        VentilationSettings settings = scenario.settings();
        AlarmLimitOverrides fixed = scenario.alarmLimits();
        AlarmLimits initial = validated(settings, fixed.over(settings), 0);
        for (int i = 0; i < events.length; i++) {
            switch (events[i]) {
                case ScenarioEvent.ChangeSettings e -> settings = e.settings();
                case ScenarioEvent.ChangeAlarmLimits e -> fixed = e.limits();
                default -> {
                    continue;
                }
            }
            settingsAfter[i] = settings;
            limitsAfter[i] = validated(settings, fixed.over(settings), events[i].atS());
        }
        return initial;
    }

    private AlarmLimits validated(VentilationSettings settings, AlarmLimits limits, double atS) {
        if (SettingsValidator.check(settings, limits) instanceof SettingsCheck.Rejected(List<String> reasons)) {
            throw new IllegalArgumentException("scenario " + scenario.name() + ": the settings and alarm limits at "
                    + ScenarioText.number(atS) + " s are rejected: " + String.join("; ", reasons));
        }
        return limits;
    }

    /** A runner that records breaths, truth and events, for {@link #run()}. */
    public static ScenarioRunner recording(Scenario scenario) {
        return new ScenarioRunner(scenario, true, null);
    }

    /** A recording runner that also hands every tick to {@code waveform}. */
    public static ScenarioRunner recording(Scenario scenario, WaveformSink waveform) {
        if (waveform == null) throw new IllegalArgumentException("waveform sink is required; use recording(scenario) for none");
        return new ScenarioRunner(scenario, true, waveform);
    }

    /** A runner that records nothing: {@link #stepOnce()} only, allocation-free. */
    public static ScenarioRunner unrecorded(Scenario scenario) {
        return new ScenarioRunner(scenario, false, null);
    }

    private static PreUseCheck runPreUseCheck(PatientModel patient, PlantConfig config) {
        Plant twin = new Plant(patient, config);
        twin.capPatientConnection(true);
        return PreUseCheck.runInSimulatedTime(twin, twin, twin::advance, config.valves(), TICK_NS);
    }

    private static long toTickNs(double timeS) {
        return Math.round(timeS * 1000) * TICK_NS;
    }

    /**
     * One 1 ms tick. May be called past the scenario's duration (benchmarks run longer); events are
     * all applied by then. Allocation-free on an {@linkplain #unrecorded unrecorded} runner once the
     * controller and plant are warm; a recording runner allocates per breath and per event.
     */
    public void stepOnce() {
        long now = nowNs;
        while (nextEvent < events.length && eventDueNs[nextEvent] <= now) {
            apply(nextEvent++, now);
        }
        partition.tick();
        if (safeStateAtNs < 0 && plant.safetyValveOpen()) safeStateAtNs = now;
        if (recording) record(now);
        plant.advance(TICK_NS);
        nowNs = now + TICK_NS;
    }

    private void apply(int i, long now) {
        switch (events[i]) {
            case ScenarioEvent.InjectFault e -> {
                plant.inject(e.fault());
                if (recording) log(now, "fault", FaultNames.describe(e.fault()));
            }
            case ScenarioEvent.ClearFault e -> {
                plant.clear(e.kind());
                if (recording) log(now, "clear", FaultNames.of(e.kind()));
            }
            case ScenarioEvent.ChangeSettings e -> {
                partition.changeSettings(settingsAfter[i], limitsAfter[i]);
                if (recording) {
                    log(now, "settings", ScenarioText.diff(settingsInForce, e.settings()));
                    if (!limitsAfter[i].equals(limitsInForce)) {
                        log(now, "alarm_limits", ScenarioText.diff(limitsInForce, limitsAfter[i]) + " (following the settings)");
                    }
                }
                settingsInForce = settingsAfter[i];
                limitsInForce = limitsAfter[i];
            }
            case ScenarioEvent.ChangeAlarmLimits e -> {
                partition.changeSettings(settingsAfter[i], limitsAfter[i]);
                if (recording) log(now, "alarm_limits", ScenarioText.diff(limitsInForce, limitsAfter[i]));
                limitsInForce = limitsAfter[i];
            }
            case ScenarioEvent.ChangePatient e -> {
                plant.changePatient(e.patient());
                if (recording) log(now, "patient", ScenarioText.diff(patientInForce, e.patient()));
                patientInForce = e.patient();
            }
            case ScenarioEvent.Acknowledge e -> {
                partition.acknowledge();
                if (recording) log(now, "acknowledge", "the operator acknowledged the alarms");
            }
            case ScenarioEvent.PauseAudio e -> {
                partition.pauseAudio();
                if (recording) log(now, "audio_pause", "alarm sound paused for at most " + AlarmManager.AUDIO_PAUSE_S + " s");
            }
            case ScenarioEvent.InjectControlFault e -> {
                controlStep.inject(switch (e.fault()) {
                    case CONTROL_STALL -> FaultableControlStep.Fault.STALL;
                    case CONTROL_EXCEPTION -> FaultableControlStep.Fault.EXCEPTION;
                });
                if (recording) log(now, "fault", e.fault().key());
            }
            case ScenarioEvent.ClearControlFault e -> {
                controlStep.inject(FaultableControlStep.Fault.NONE);
                if (recording) {
                    log(now, "clear", e.fault().key() + (partition.monitor().controlFailed()
                            ? " (the failed control step is not trusted again: the safe state stays)" : ""));
                }
            }
        }
    }

    private void log(long now, String kind, String description) {
        applied.add(new AppliedEvent(now / 1e9, kind, description));
    }

    private void record(long now) {
        truth.onTick(now, controller.phase(), plant);
        if (waveform != null) {
            ReadStatus status = busReader.readLatest(busSample);
            if (status != ReadStatus.OK) {
                throw new IllegalStateException("sensor bus read back " + status + " at " + now / 1e9 + " s");
            }
            sample.fill(now / TICK_NS, now / 1e9, busSample.airwayPressureCmH2O(), busSample.patientFlowMlPerS(),
                    busSample.volumeMl(), busSample.oxygenPercent(), busSample.phase() == SensorSample.PHASE_INSPIRATION
                            ? BreathPhase.INSPIRATION : BreathPhase.EXPIRATION,
                    plant.truePatientConnectionCmH2O(),
                    plant.trueLungVolumeMl(), plant.truePatientFlowMlPerS(), plant.trueInspiredOxygenPercent());
            try {
                waveform.accept(sample);
            } catch (IOException e) {
                throw new UncheckedIOException("waveform sink failed at " + now / 1e9 + " s", e);
            }
        }
    }

    /**
     * Runs the scenario to its end and judges its expectations. Recording runners only; once.
     *
     * @throws UncheckedIOException if the waveform sink fails
     */
    public SimulationResult run() {
        if (!recording) throw new IllegalStateException("an unrecorded runner has no result; use recording(scenario)");
        if (finished) throw new IllegalStateException("the scenario has already been run");
        while (nowNs < endNs) stepOnce();
        finished = true;
        List<Breath> breaths = BreathPairing.pair(reported, truth.completed());
        List<AlarmRecord> alarms = alarmLog.records();
        Double safeStateAtS = safeStateAtNs < 0 ? null : safeStateAtNs / 1e9;
        return new SimulationResult(scenario.name(), scenario.source(), scenario.durationS(), scenario.seed(), preUseCheck,
                breaths, applied, ExpectationEvaluator.evaluate(scenario.expectations(), breaths, alarms, safeStateAtS),
                WindowMetrics.of(breaths, scenario.durationS(), SUMMARY_SPAN_S), alarms, safeStateAtS,
                new SimulationResult.SignalCounts(sounder.edgeCount(), indicator.edgeCount()));
    }

    /** Scenario time of the next tick, ns from the start. */
    public long nowNs() {
        return nowNs;
    }

    /** Whether the scenario's duration has been stepped through. */
    public boolean pastEnd() {
        return nowNs >= endNs;
    }

    public PreUseCheckResult preUseCheck() {
        return preUseCheck;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The simulated hardware, for tests and benchmarks that look at its truth. */
    public Plant plant() {
        return plant;
    }

    public VentilationController controller() {
        return controller;
    }

    /** The safety partition: its alarm manager and monitor, for tests that look inside. */
    public SafetyPartition partition() {
        return partition;
    }

    /** The alarm sounder, with every on/off edge of the run (time in scenario ns). */
    public SimulatedSounder sounder() {
        return sounder;
    }

    /** The alarm light, with every colour edge of the run (time in scenario ns). */
    public SimulatedIndicator indicator() {
        return indicator;
    }

    /** When the plant's safety valve first opened, scenario ns; -1 if it has not. */
    public long safeStateAtNs() {
        return safeStateAtNs;
    }

    /** The alarm limits in force now. */
    public AlarmLimits alarmLimits() {
        return limitsInForce;
    }
}
