package org.pneuma.channel;

/**
 * Where every byte of the sensor bus lives: the one descriptor of the shared-memory layout.
 *
 * <p>The bus is a header followed by a ring of {@code slotCount} slots ({@code slotCount} a power of
 * two). All multi-byte values are in the platform's native byte order; every field is naturally
 * aligned, slots start on a cache line and are whole cache lines long.
 *
 * <pre>
 * header (128 bytes)
 *   line 0, written once before MAGIC:       0 magic int, 4 layout version int, 8 slot count int,
 *                                            12 slot length int, 16 sample period ns long
 *   line 1, written by the writer per sample: 64 latest published sequence long,
 *                                            72 writer heartbeat ns long (time of the latest sample)
 * slot i at HEADER_LENGTH + i * SLOT_LENGTH (192 bytes, three cache lines)
 *     0 sequence word   2s when sample s is published, 2s-1 while it is being written (seqlock)
 *     8 time ns                         96 breath number
 *    16 airway pressure cmH2O          104 PIP cmH2O
 *    24 patient flow mL/s              112 PEEP cmH2O
 *    32 volume mL                      120 VTi mL
 *    40 oxygen %                       128 VTe mL
 *    48 inspiratory flow mL/s          136 rate bpm
 *    56 expiratory flow mL/s           144 minute volume L/min
 *    64 air valve opening              152 I:E ratio
 *    72 oxygen valve opening           160 FiO2 %
 *    80 expiratory pilot cmH2O         168 phase and flags: low 32 bits phase, bit 32 safety valve open
 *    88 alarm bits                     176 checksum of the sequence word and every payload long
 *                                      184..191 padding
 * </pre>
 *
 * <p>Sample sequences start at 1; 0 in the header means nothing has been published. Sample {@code s}
 * lives in slot {@code s & (slotCount - 1)}. Adding a sample field touches this class,
 * {@link SensorSample} and {@link SensorSampleCodec} only; bump {@link #LAYOUT_VERSION} when offsets
 * change.
 */
public final class SensorBusLayout {
    /** "PNSB" in ASCII: identifies a sensor bus. Written last when the bus is created. */
    public static final int MAGIC = 0x504E_5342;
    /** Version of this layout; readers refuse any other. */
    public static final int LAYOUT_VERSION = 1;

    public static final int CACHE_LINE_LENGTH = 64;
    public static final int MIN_SLOT_COUNT = 2;
    /** Keeps a bus under 256 MiB and every offset in an {@code int}. */
    public static final int MAX_SLOT_COUNT = 1 << 20;
    /** About one second at 1 kHz: a recorder polling a few times per second misses nothing. */
    public static final int DEFAULT_SLOT_COUNT = 1024;
    /** 1 kHz, the rate of the safety partition's publisher. */
    public static final long DEFAULT_SAMPLE_PERIOD_NS = 1_000_000L;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 4;
    public static final int SLOT_COUNT_OFFSET = 8;
    public static final int SLOT_LENGTH_OFFSET = 12;
    public static final int SAMPLE_PERIOD_NS_OFFSET = 16;
    public static final int LATEST_SEQUENCE_OFFSET = CACHE_LINE_LENGTH;
    public static final int WRITER_HEARTBEAT_NS_OFFSET = CACHE_LINE_LENGTH + 8;
    public static final int HEADER_LENGTH = 2 * CACHE_LINE_LENGTH;

    public static final int SEQUENCE_WORD_OFFSET = 0;
    public static final int TIME_NS_OFFSET = 8;
    public static final int AIRWAY_PRESSURE_OFFSET = 16;
    public static final int PATIENT_FLOW_OFFSET = 24;
    public static final int VOLUME_OFFSET = 32;
    public static final int OXYGEN_PERCENT_OFFSET = 40;
    public static final int INSPIRATORY_FLOW_OFFSET = 48;
    public static final int EXPIRATORY_FLOW_OFFSET = 56;
    public static final int AIR_VALVE_OPENING_OFFSET = 64;
    public static final int OXYGEN_VALVE_OPENING_OFFSET = 72;
    public static final int EXPIRATORY_PILOT_OFFSET = 80;
    public static final int ALARM_BITS_OFFSET = 88;
    public static final int BREATH_NUMBER_OFFSET = 96;
    public static final int PIP_OFFSET = 104;
    public static final int PEEP_OFFSET = 112;
    public static final int VTI_OFFSET = 120;
    public static final int VTE_OFFSET = 128;
    public static final int RATE_OFFSET = 136;
    public static final int MINUTE_VOLUME_OFFSET = 144;
    public static final int IE_RATIO_OFFSET = 152;
    public static final int FIO2_OFFSET = 160;
    public static final int PHASE_AND_FLAGS_OFFSET = 168;
    public static final int CHECKSUM_OFFSET = 176;
    public static final int SLOT_LENGTH = 3 * CACHE_LINE_LENGTH;

    /** Bit of the phase-and-flags word set when the safety valve is open. */
    public static final long SAFETY_VALVE_OPEN_FLAG = 1L << 32;
    /** Bits of the phase-and-flags word that hold the phase. */
    public static final long PHASE_MASK = 0xFFFF_FFFFL;

    private SensorBusLayout() {
    }

    /** Whether {@code slotCount} is a power of two within {@link #MIN_SLOT_COUNT}..{@link #MAX_SLOT_COUNT}. */
    public static boolean isValidSlotCount(int slotCount) {
        return slotCount >= MIN_SLOT_COUNT && slotCount <= MAX_SLOT_COUNT && Integer.bitCount(slotCount) == 1;
    }

    /** Bytes needed for a bus of {@code slotCount} slots (assumed valid). */
    public static int totalLength(int slotCount) {
        return HEADER_LENGTH + slotCount * SLOT_LENGTH;
    }

    /** Offset of the slot that holds sample {@code sequence}, for {@code slotMask = slotCount - 1}. */
    public static int slotOffset(long sequence, int slotMask) {
        return HEADER_LENGTH + (int) (sequence & slotMask) * SLOT_LENGTH;
    }

    /** Sequence word of a slot holding the fully written sample {@code sequence}: always even. */
    public static long publishedWord(long sequence) {
        return sequence << 1;
    }

    /** Sequence word of a slot while sample {@code sequence} is being written into it: always odd. */
    public static long writingWord(long sequence) {
        return (sequence << 1) - 1;
    }
}
