package org.pneuma.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCalibration;
import org.pneuma.hal.ValveCommand;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.Plant;
import org.pneuma.plant.PlantConfig;
import org.pneuma.plant.SpontaneousEffort;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.control.VentilationController;
import org.pneuma.safety.settings.VentilationSettings;

/**
 * One full 1 ms step of the simulated ventilator: read sensors, run the control step, drive the
 * valves, advance the plant. Its inverse is the simulation speed: at 1 µs per step the simulator
 * runs 1000× faster than real time. {@code controlOnly} isolates the safety code's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ControlStepBenchmark {
    private static final long TICK_NS = 1_000_000L;

    @Param({"PC_AC", "VC_AC", "PSV"})
    public String mode;

    private Plant plant;
    private VentilationController controller;
    private final SensorFrame frame = new SensorFrame();
    private final ValveCommand command = new ValveCommand();
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
        PatientModel patient = new PatientModel(50, 10, 1.0,
                new SpontaneousEffort(15, 4, SpontaneousEffort.EffortShape.HALF_SINE, 0.3, 0));
        plant = new Plant(patient, PlantConfig.standard());
        VentilationSettings settings = VentilationSettings.DEFAULTS.toBuilder()
                .mode(org.pneuma.safety.settings.Mode.valueOf(mode)).build();
        controller = new VentilationController(settings, CircuitCalibration.NOMINAL, ValveCalibration.STANDARD,
                BreathListener.NONE);
        for (int i = 0; i < 20_000; i++) {
            fullStep();
        }
    }

    @Benchmark
    public double fullStep() {
        plant.read(frame);
        controller.step(nowNs, frame, command);
        plant.apply(command);
        plant.advance(TICK_NS);
        nowNs += TICK_NS;
        return command.airOpening;
    }

    @Benchmark
    public double controlOnly() {
        controller.step(nowNs, frame, command);
        nowNs += TICK_NS;
        return command.airOpening;
    }
}
