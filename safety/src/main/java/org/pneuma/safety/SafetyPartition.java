package org.pneuma.safety;

import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.VentilatorHardware;
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
