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

    /**
     * @param controlLive      false once the control step has failed: its estimates are frozen, so
     *                         the live numbers come from the monitor and the raw sensors instead
     * @param monitorPressure  the alarm monitor's own Y-piece pressure estimate, cmH2O
     */
    public void publish(long nowNs, SensorFrame sensors, ValveCommand command, VentilationController controller,
                        long alarmBits, boolean controlLive, double monitorPressure) {
        BreathRecord last = controller.meter().lastBreath();
        sample.timeNs(nowNs)
                .airwayPressureCmH2O(controlLive ? controller.airwayPressureCmH2O() : monitorPressure)
                .patientFlowMlPerS(controlLive ? controller.patientFlowMlPerS()
                        : sensors.inspiratoryFlowMlPerS() - sensors.expiratoryFlowMlPerS)
                .volumeMl(controlLive ? controller.breathVolumeMl() : 0)
                .oxygenPercent(sensors.oxygenPercent)
                .inspiratoryFlowMlPerS(sensors.inspiratoryFlowMlPerS())
                .expiratoryFlowMlPerS(sensors.expiratoryFlowMlPerS)
                .airValveOpening(command.airOpening)
                .oxygenValveOpening(command.oxygenOpening)
                .expiratoryPilotCmH2O(command.expiratoryPilotCmH2O)
                .safetyValveOpen(command.safetyValveOpen)
                .phase(controlLive && controller.phase() == BreathPhase.INSPIRATION
                        ? SensorSample.PHASE_INSPIRATION : SensorSample.PHASE_EXPIRATION)
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
