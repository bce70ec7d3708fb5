package org.pneuma.channel;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any bit pattern in any field comes out as it went in: NaN payloads, infinities, -0.0, extreme longs. */
class SensorBusRoundTripPropertyTest {
    private final SensorBus bus = SensorBus.allocate(4);
    private final SingleWriterSensorBus writer = bus.writer();
    private final SensorBusReader reader = bus.newReader(0);
    private final SensorSample read = new SensorSample();

    @Property(tries = 500)
    void anyValuesSurviveAPublishAndBothKindsOfRead(
        @ForAll long timeNs, @ForAll long alarmBits, @ForAll long breathNumber, @ForAll int phase,
        @ForAll boolean safetyValveOpen, @ForAll long pressureBits, @ForAll long flowBits,
        @ForAll long volumeBits, @ForAll long valveBits, @ForAll long metricBits, @ForAll double plainDouble) {
        SensorSample published = new SensorSample()
            .timeNs(timeNs).alarmBits(alarmBits).breathNumber(breathNumber).phase(phase)
            .safetyValveOpen(safetyValveOpen)
            .airwayPressureCmH2O(Double.longBitsToDouble(pressureBits))
            .patientFlowMlPerS(Double.longBitsToDouble(flowBits))
            .volumeMl(Double.longBitsToDouble(volumeBits))
            .oxygenPercent(plainDouble)
            .inspiratoryFlowMlPerS(Double.NaN)
            .expiratoryFlowMlPerS(Double.longBitsToDouble(0x7FF0_0000_0000_0001L)) // a signalling NaN
            .airValveOpening(Double.longBitsToDouble(valveBits))
            .oxygenValveOpening(-0.0)
            .expiratoryPilotCmH2O(Double.NEGATIVE_INFINITY)
            .pipCmH2O(Double.longBitsToDouble(metricBits))
            .peepCmH2O(Double.longBitsToDouble(~metricBits))
            .vtiMl(Double.MIN_VALUE)
            .vteMl(Double.MAX_VALUE)
            .rateBpm(Double.longBitsToDouble(metricBits ^ pressureBits))
            .minuteVolumeLpm(Double.POSITIVE_INFINITY)
            .ieRatio(Double.longBitsToDouble(metricBits + 1))
            .fio2Pct(Double.longBitsToDouble(flowBits ^ volumeBits));

        long sequence = writer.publish(published);
        SensorSample expected = new SensorSample().copyFrom(published).sequence(sequence);

        assertThat(reader.readLatest(read)).isEqualTo(ReadStatus.OK);
        assertThat(Samples.sameBits(read, expected)).as("latest read, bit for bit").isTrue();
        assertThat(reader.readNext(read)).isEqualTo(ReadStatus.OK);
        assertThat(Samples.sameBits(read, expected)).as("cursor read, bit for bit").isTrue();
    }
}
