package org.pneuma.channel;

import static org.pneuma.channel.SensorBusLayout.*;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Copies a {@link SensorSample}'s payload into and out of a slot and computes the slot checksum.
 *
 * <p>Plain (unordered) accesses only: the seqlock in {@link SingleWriterSensorBus} and
 * {@link SensorBusReader} supplies the ordering. Stateless, allocation-free, callable from any thread.
 *
 * <p>The checksum folds the sequence word and every payload long, in slot order, through
 * {@code h = rotateLeft((h ^ word) * K, 27)}. Each step is a bijection of {@code h}, so a change to
 * any single word always changes the checksum; changes to several words escape with probability
 * about 2^-64. It catches torn or garbled writes, not deliberate forgery.
 */
final class SensorSampleCodec {
    private static final long SEED = 0x7E57_AB1E_5EED_0001L;
    private static final long K = 0x9E37_79B9_7F4A_7C15L;

    private SensorSampleCodec() {
    }

    /** Writes the payload of {@code sample} into the slot at {@code slot}; returns its checksum. */
    static long encode(MutableDirectBuffer buffer, int slot, long sequenceWord, SensorSample sample) {
        long h = mix(SEED, sequenceWord);
        h = put(buffer, slot + TIME_NS_OFFSET, sample.timeNs(), h);
        h = put(buffer, slot + AIRWAY_PRESSURE_OFFSET, sample.airwayPressureCmH2O(), h);
        h = put(buffer, slot + PATIENT_FLOW_OFFSET, sample.patientFlowMlPerS(), h);
        h = put(buffer, slot + VOLUME_OFFSET, sample.volumeMl(), h);
        h = put(buffer, slot + OXYGEN_PERCENT_OFFSET, sample.oxygenPercent(), h);
        h = put(buffer, slot + INSPIRATORY_FLOW_OFFSET, sample.inspiratoryFlowMlPerS(), h);
        h = put(buffer, slot + EXPIRATORY_FLOW_OFFSET, sample.expiratoryFlowMlPerS(), h);
        h = put(buffer, slot + AIR_VALVE_OPENING_OFFSET, sample.airValveOpening(), h);
        h = put(buffer, slot + OXYGEN_VALVE_OPENING_OFFSET, sample.oxygenValveOpening(), h);
        h = put(buffer, slot + EXPIRATORY_PILOT_OFFSET, sample.expiratoryPilotCmH2O(), h);
        h = put(buffer, slot + ALARM_BITS_OFFSET, sample.alarmBits(), h);
        h = put(buffer, slot + BREATH_NUMBER_OFFSET, sample.breathNumber(), h);
        h = put(buffer, slot + PIP_OFFSET, sample.pipCmH2O(), h);
        h = put(buffer, slot + PEEP_OFFSET, sample.peepCmH2O(), h);
        h = put(buffer, slot + VTI_OFFSET, sample.vtiMl(), h);
        h = put(buffer, slot + VTE_OFFSET, sample.vteMl(), h);
        h = put(buffer, slot + RATE_OFFSET, sample.rateBpm(), h);
        h = put(buffer, slot + MINUTE_VOLUME_OFFSET, sample.minuteVolumeLpm(), h);
        h = put(buffer, slot + IE_RATIO_OFFSET, sample.ieRatio(), h);
        h = put(buffer, slot + FIO2_OFFSET, sample.fio2Pct(), h);
        long phaseAndFlags = (sample.phase() & PHASE_MASK) | (sample.safetyValveOpen() ? SAFETY_VALVE_OPEN_FLAG : 0L);
        return put(buffer, slot + PHASE_AND_FLAGS_OFFSET, phaseAndFlags, h);
    }

    /**
     * Reads the payload of the slot at {@code slot} into {@code into} (all fields but the sequence) and
     * returns the checksum of what was read, to compare with the stored one.
     */
    static long decode(DirectBuffer buffer, int slot, long sequenceWord, SensorSample into) {
        long h = mix(SEED, sequenceWord);
        long v;
        v = buffer.getLong(slot + TIME_NS_OFFSET);
        h = mix(h, v);
        into.timeNs(v);
        v = buffer.getLong(slot + AIRWAY_PRESSURE_OFFSET);
        h = mix(h, v);
        into.airwayPressureCmH2O(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + PATIENT_FLOW_OFFSET);
        h = mix(h, v);
        into.patientFlowMlPerS(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + VOLUME_OFFSET);
        h = mix(h, v);
        into.volumeMl(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + OXYGEN_PERCENT_OFFSET);
        h = mix(h, v);
        into.oxygenPercent(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + INSPIRATORY_FLOW_OFFSET);
        h = mix(h, v);
        into.inspiratoryFlowMlPerS(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + EXPIRATORY_FLOW_OFFSET);
        h = mix(h, v);
        into.expiratoryFlowMlPerS(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + AIR_VALVE_OPENING_OFFSET);
        h = mix(h, v);
        into.airValveOpening(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + OXYGEN_VALVE_OPENING_OFFSET);
        h = mix(h, v);
        into.oxygenValveOpening(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + EXPIRATORY_PILOT_OFFSET);
        h = mix(h, v);
        into.expiratoryPilotCmH2O(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + ALARM_BITS_OFFSET);
        h = mix(h, v);
        into.alarmBits(v);
        v = buffer.getLong(slot + BREATH_NUMBER_OFFSET);
        h = mix(h, v);
        into.breathNumber(v);
        v = buffer.getLong(slot + PIP_OFFSET);
        h = mix(h, v);
        into.pipCmH2O(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + PEEP_OFFSET);
        h = mix(h, v);
        into.peepCmH2O(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + VTI_OFFSET);
        h = mix(h, v);
        into.vtiMl(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + VTE_OFFSET);
        h = mix(h, v);
        into.vteMl(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + RATE_OFFSET);
        h = mix(h, v);
        into.rateBpm(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + MINUTE_VOLUME_OFFSET);
        h = mix(h, v);
        into.minuteVolumeLpm(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + IE_RATIO_OFFSET);
        h = mix(h, v);
        into.ieRatio(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + FIO2_OFFSET);
        h = mix(h, v);
        into.fio2Pct(Double.longBitsToDouble(v));
        v = buffer.getLong(slot + PHASE_AND_FLAGS_OFFSET);
        h = mix(h, v);
        into.phase((int) (v & PHASE_MASK));
        into.safetyValveOpen((v & SAFETY_VALVE_OPEN_FLAG) != 0);
        return h;
    }

    private static long put(MutableDirectBuffer buffer, int offset, double value, long h) {
        return put(buffer, offset, Double.doubleToRawLongBits(value), h);
    }

    private static long put(MutableDirectBuffer buffer, int offset, long value, long h) {
        buffer.putLong(offset, value);
        return mix(h, value);
    }

    private static long mix(long h, long word) {
        return Long.rotateLeft((h ^ word) * K, 27);
    }
}
