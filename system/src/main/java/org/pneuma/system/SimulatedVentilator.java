package org.pneuma.system;

import org.pneuma.channel.SingleWriterSensorBus;
import org.pneuma.hal.VentilatorHardware;
import org.pneuma.plant.PatientModel;
import org.pneuma.plant.Plant;
import org.pneuma.plant.PlantConfig;
import org.pneuma.safety.SafetyPartition;
import org.pneuma.safety.SensorDataPublisher;
import org.pneuma.safety.alarm.AlarmListener;
import org.pneuma.safety.alarm.AlarmManager;
import org.pneuma.safety.alarm.AlarmMonitor;
import org.pneuma.safety.breath.BreathListener;
import org.pneuma.safety.control.CircuitCalibration;
import org.pneuma.safety.control.PreUseCheck;
import org.pneuma.safety.control.VentilationController;

/**
 * The safety partition on the simulated patient, assembled as {@code simulation}'s scenario runner
 * assembles it: the pre-use check on a twin of the plant (Y-piece capped) measures the circuit; the
 * controller, the alarm manager and the monitor that outranks the controller, and the
 * {@link SafetyPartition} over the plant's sensors and valves, this process's own alarm sounder and
 * light, and the sensor bus.
 *
 * <p>The plant lives in this process and advances one millisecond per tick: the simulated patient
 * breathes only while the tick runs.
 */
final class SimulatedVentilator {
    /** One control period. */
    static final long TICK_NS = 1_000_000L;
    /** The patient this process ventilates: a passive adult (C 50 mL/cmH2O, R 10 cmH2O·s/L). */
    static final PatientModel PATIENT = PatientModel.passive(50, 10);

    final Plant plant;
    final TickClock clock = new TickClock();
    final AlarmOutputs outputs = new AlarmOutputs();
    final VentilatorHardware hardware;
    final VentilationController controller;
    final AlarmManager alarms;
    final SafetyPartition partition;
    final CircuitCalibration circuit;

    /**
     * @throws IllegalStateException if the pre-use check fails (the circuit cannot be measured)
     */
    SimulatedVentilator(PatientModel patient, PlantConfig config, SettingsInForce inForce, SingleWriterSensorBus bus) {
        PreUseCheck check = preUseCheck(patient, config);
        if (check.failure() != null) {
            throw new IllegalStateException("pre-use check failed: " + check.failure());
        }
        circuit = check.result();
        plant = new Plant(patient, config);
        controller = new VentilationController(inForce.settings(), circuit, config.valves(), BreathListener.NONE);
        controller.changeAlarmLimits(inForce.limits());
        alarms = new AlarmManager(AlarmListener.NONE);
        AlarmMonitor monitor = new AlarmMonitor(plant, controller, circuit, config.valves(), alarms,
                inForce.settings(), inForce.limits());
        hardware = new VentilatorHardware(clock, plant, plant, outputs, outputs);
        partition = new SafetyPartition(hardware, controller, controller, monitor, alarms, new SensorDataPublisher(bus));
    }

    /** The standard patient on the standard plant. */
    static SimulatedVentilator standard(SettingsInForce inForce, SingleWriterSensorBus bus) {
        return new SimulatedVentilator(PATIENT, PlantConfig.standard(), inForce, bus);
    }

    /** The operator's pre-use check, on a twin of the plant with the patient connection capped; simulated time. */
    private static PreUseCheck preUseCheck(PatientModel patient, PlantConfig config) {
        Plant twin = new Plant(patient, config);
        twin.capPatientConnection(true);
        return PreUseCheck.runInSimulatedTime(twin, twin, twin::advance, config.valves(), TICK_NS);
    }
}
