package org.pneuma.safety;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.VentilatorHardware;
import org.pneuma.safety.alarm.AlarmId;
import org.pneuma.safety.alarm.AlarmManager;
import org.pneuma.safety.alarm.AlarmMonitor;
import org.pneuma.safety.alarm.AlarmSignalGenerator;
import org.pneuma.safety.control.ControlStep;
import org.pneuma.safety.control.VentilationController;
import org.pneuma.safety.settings.AlarmLimits;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * The safety partition's tick, in the seed's order of precedence: the control step (manage air
 * pressure and the oxygen mix), then the alarm monitor, which outranks it — it reads the sensors
 * itself, judges the control step's heartbeat and output, and may overrule the valve command (relief,
 * safe state) — then the valves, the alarm sounder and light, and the sensor bus.
 *
 * <p>A control step that throws is caught here and never called again (the monitor raises
 * CONTROL_FAILURE and holds the safe state); alarms go on sounding. In real time the monitor runs on
 * its own thread above control; in simulation both are stepped here, monitor after control, each from
 * its own state.
 *
 * <p>One thread calls {@link #tick}. It never allocates, blocks, locks or does I/O. Operator commands
 * ({@link #changeSettings}, {@link #acknowledge}, {@link #pauseAudio}) come on the same thread.
 */
public final class SafetyPartition {
    private final VentilatorHardware hardware;
    private final VentilationController controller;
    private final ControlStep controlStep;
    private final AlarmMonitor monitor;
    private final AlarmManager alarms;
    private final AlarmSignalGenerator signals;
    private final SensorDataPublisher publisher;
    private final SensorFrame frame = new SensorFrame();
    private final ValveCommand command = new ValveCommand();
    private boolean controlAbandoned;
    private boolean abandonmentToReport;

    /**
     * @param controlStep the step to run: the controller itself, or (in simulation) a wrapper that
     *                    can make it stall or throw
     */
    public SafetyPartition(VentilatorHardware hardware, VentilationController controller, ControlStep controlStep,
                           AlarmMonitor monitor, AlarmManager alarms, SensorDataPublisher publisher) {
        this.hardware = hardware;
        this.controller = controller;
        this.controlStep = controlStep;
        this.monitor = monitor;
        this.alarms = alarms;
        this.publisher = publisher;
        this.signals = new AlarmSignalGenerator(hardware.sounder(), hardware.indicator());
    }

    public void tick() {
        long nowNs = hardware.clock().nanoTime();
        boolean threw = false;
        hardware.sensors().read(frame);
        if (abandonmentToReport) {
            // Abandoned from outside (a hung control path): the monitor hears it as a failed step.
            threw = true;
            abandonmentToReport = false;
        }
        if (!controlAbandoned && !monitor.controlFailed()) {
            try {
                controlStep.step(nowNs, frame, command);
            } catch (Throwable failure) {
                // Whatever went wrong in control, the alarms and the safe state must still happen.
                threw = true;
                controlAbandoned = true;
            }
        }
        monitor.step(nowNs, command, threw);
        hardware.valves().apply(command);
        signals.step(nowNs, alarms.audible(nowNs), alarms.visual());
        boolean controlLive = !controlAbandoned && !monitor.controlFailed();
        publisher.publish(nowNs, frame, command, controller, alarms.signalBits(), controlLive, monitor.pressureCmH2O());
    }

    /** New settings and alarm limits, already accepted together by the settings validator. */
    public void changeSettings(VentilationSettings settings, AlarmLimits limits) {
        controller.changeSettings(settings);
        controller.changeAlarmLimits(limits);
        monitor.changeSettings(settings, limits);
    }

    public void acknowledge() {
        alarms.acknowledge(hardware.clock().nanoTime());
    }

    /**
     * A technical alarm condition the platform raises ({@link AlarmId#DISPLAY_LOST}, {@link AlarmId#GUEST_FAULT}):
     * the supervisor sees it, the partition sounds it. Report it every tick or on change; allocation-free.
     *
     * @throws IllegalArgumentException for any other alarm: the partition's own conditions are the monitor's
     */
    public void platformCondition(AlarmId id, boolean active) {
        if (id != AlarmId.DISPLAY_LOST && id != AlarmId.GUEST_FAULT) {
            throw new IllegalArgumentException(id + " is not raised by the platform");
        }
        alarms.condition(id, active, hardware.clock().nanoTime());
    }

    /**
     * The partition's process was started again after the previous one died: control was interrupted
     * for a time nobody measured. Raises CONTROL_FAILURE until the operator acknowledges it (it does not
     * latch by itself); control goes on.
     */
    public void controlInterrupted() {
        alarms.raiseUntilAcknowledged(AlarmId.CONTROL_FAILURE, hardware.clock().nanoTime());
    }

    /**
     * Something outside the tick judged the control path hung (an alarm watchdog above it): from the next
     * tick the control step is never called again, the monitor hears it as a failed step — CONTROL_FAILURE
     * and the safe state, for good — and alarms go on. Tick thread only (hand the verdict over first).
     */
    public void abandonControl() {
        if (!controlAbandoned) abandonmentToReport = true;
        controlAbandoned = true;
    }

    /** Whether control was abandoned: it threw, or {@link #abandonControl} was called. */
    public boolean controlAbandoned() {
        return controlAbandoned;
    }

    public void pauseAudio() {
        alarms.pauseAudio(hardware.clock().nanoTime());
    }

    public VentilationController controller() {
        return controller;
    }

    public AlarmMonitor monitor() {
        return monitor;
    }

    public AlarmManager alarms() {
        return alarms;
    }
}
