package org.pneuma.channel;

/**
 * The fixed slots of a {@link CounterBoard}. A counter's id on the board is its ordinal; its label and
 * type id are written into Agrona's counter metadata, so generic Agrona tools can list them too.
 * Append new counters at the end and bump {@link CounterBoard#LAYOUT_VERSION}.
 */
public enum CounterId {
    /** Ticks of the safety partition's loop. */
    LOOP_TICKS("loop ticks"),
    /** How long the latest tick took. */
    LOOP_LAST_DURATION_NS("loop last tick duration ns"),
    /** The longest tick so far. */
    LOOP_MAX_DURATION_NS("loop max tick duration ns"),
    /** The latest wake-up after its deadline so far. */
    LOOP_MAX_LATENESS_NS("loop max wake-up lateness ns"),
    /** Ticks that started or ended past their deadline. */
    DEADLINE_MISSES("loop deadline misses"),
    /** Guest commands accepted and applied. */
    COMMANDS_ACCEPTED("commands accepted"),
    /** Guest commands refused, for any reason (rate-limited ones included). */
    COMMANDS_REJECTED("commands rejected"),
    /** Guest commands refused because too many came in the rate window. */
    COMMANDS_RATE_LIMITED("commands rate limited"),
    /** Request frames that failed the channel's checks (sequence, checksum, length, kind). */
    COMMAND_FRAMES_GARBLED("command frames garbled"),
    /**
     * What the host refused the safety partition's process at start (pinning, SCHED_FIFO, memory locking, the VM
     * thread's placement), counted; 0 when it runs as configured. Its log names each refusal.
     */
    SAFETY_REALTIME_REFUSALS("safety real-time refusals"),
    /** Garbage collections in the safety partition's process since its loop went real-time; each paused the tick. */
    SAFETY_GC_COLLECTIONS("safety garbage collections");

    private final String label;

    CounterId(String label) {
        this.label = label;
    }

    /** The counter's label on the board. */
    public String label() {
        return label;
    }

    /** The Agrona type id the board gives this counter. */
    public int typeId() {
        return CounterBoard.TYPE_ID_BASE + ordinal();
    }
}
