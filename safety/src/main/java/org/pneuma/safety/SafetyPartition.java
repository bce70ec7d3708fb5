package org.pneuma.safety;

import org.pneuma.hal.Clock;
import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.Sensors;
import org.pneuma.hal.ValveCommand;
import org.pneuma.hal.Valves;
import org.pneuma.safety.control.VentilationController;

/**
 * The safety partition's tick: read every sensor once, run the control step, drive the valves, and
 * publish the sensor data. The same tick runs at 1 kHz in real time and in simulated time.
 *
 * <p>The alarm monitor joins here in the alarm issue: it will read the sensors itself and judge the
 * control step's output after it, each tick, from its own state.
 *
 * <p>One thread calls {@link #tick}. It never allocates, blocks, locks or does I/O.
 */
public final class SafetyPartition {
    private final Clock clock;
    private final Sensors sensors;
    private final Valves valves;
    private final VentilationController controller;
    private final SensorDataPublisher publisher;
    private final SensorFrame frame = new SensorFrame();
    private final ValveCommand command = new ValveCommand();

    public SafetyPartition(Clock clock, Sensors sensors, Valves valves, VentilationController controller,
                           SensorDataPublisher publisher) {
        this.clock = clock;
        this.sensors = sensors;
        this.valves = valves;
        this.controller = controller;
        this.publisher = publisher;
    }

    public void tick() {
        long nowNs = clock.nanoTime();
        sensors.read(frame);
        controller.step(nowNs, frame, command);
        valves.apply(command);
        publisher.publish(nowNs, frame, command, controller, 0L);
    }

    public VentilationController controller() {
        return controller;
    }
}
