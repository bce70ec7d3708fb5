package org.pneuma.safety;

import org.pneuma.channel.SensorSample;
import org.pneuma.channel.SingleWriterSensorBus;
import org.pneuma.hal.SensorFrame;
import org.pneuma.hal.ValveCommand;
import org.pneuma.safety.breath.BreathPhase;
import org.pneuma.safety.breath.BreathRecord;
import org.pneuma.safety.control.VentilationController;

/**
 * Communicates sensor data to the processes that need them: once per tick, the readings, the valve
 * command and the last breath's metrics go out on the sensor bus. One-way: nothing comes back this
 * way, and the bus never makes the publisher wait.
 *
 * <p>Control thread only; allocation-free (one reused {@link SensorSample}).
 */
public final class SensorDataPublisher {
    private final SingleWriterSensorBus bus;
    private final SensorSample sample = new SensorSample();

    public SensorDataPublisher(SingleWriterSensorBus bus) {
        this.bus = bus;
    }

    public void publish(long nowNs, SensorFrame sensors, ValveCommand command, VentilationController controller,
                        long alarmBits) {
        BreathRecord last = controller.meter().lastBreath();
        sample.timeNs(nowNs)
                .airwayPressureCmH2O(controller.airwayPressureCmH2O())
                .patientFlowMlPerS(controller.patientFlowMlPerS())
                .volumeMl(controller.breathVolumeMl())
                .oxygenPercent(sensors.oxygenPercent)
                .inspiratoryFlowMlPerS(sensors.inspiratoryFlowMlPerS())
                .expiratoryFlowMlPerS(sensors.expiratoryFlowMlPerS)
                .airValveOpening(command.airOpening)
                .oxygenValveOpening(command.oxygenOpening)
                .expiratoryPilotCmH2O(command.expiratoryPilotCmH2O)
                .safetyValveOpen(command.safetyValveOpen)
                .phase(controller.phase() == BreathPhase.INSPIRATION ? SensorSample.PHASE_INSPIRATION : SensorSample.PHASE_EXPIRATION)
                .alarmBits(alarmBits)
                .breathNumber(last.number)
                .pipCmH2O(last.pipCmH2O)
                .peepCmH2O(last.peepCmH2O)
                .vtiMl(last.vtiMl)
                .vteMl(last.vteMl)
                .rateBpm(last.rateBpm)
                .minuteVolumeLpm(last.minuteVolumeLpm)
                .ieRatio(last.ieRatio)
                .fio2Pct(last.fio2Pct);
        bus.publish(sample);
    }
}
