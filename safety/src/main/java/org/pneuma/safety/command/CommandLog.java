package org.pneuma.safety.command;

import java.util.ArrayList;
import java.util.List;
import org.pneuma.channel.CommandReason;

/**
 * The last decisions of a {@link CommandHandler}, in memory: a ring of entries allocated once, the
 * oldest overwritten. No I/O: whoever wants them on disk copies them out off the control path.
 *
 * <p>One thread: the handler's. {@link #record} never allocates (it stores the reason text's
 * reference); {@link #decisions()} copies the entries out and allocates.
 */
public final class CommandLog {
    private final long[] timeNs;
    private final long[] requestSequence;
    private final long[] correlationId;
    private final int[] kind;
    private final CommandReason[] reason;
    private final String[] text;
    private long recorded;

    CommandLog(int capacity) {
        timeNs = new long[capacity];
        requestSequence = new long[capacity];
        correlationId = new long[capacity];
        kind = new int[capacity];
        reason = new CommandReason[capacity];
        text = new String[capacity];
    }

    void record(long nowNs, long sequence, long correlation, int commandKind, CommandReason why, String what) {
        int i = (int) (recorded % timeNs.length);
        timeNs[i] = nowNs;
        requestSequence[i] = sequence;
        correlationId[i] = correlation;
        kind[i] = commandKind;
        reason[i] = why;
        text[i] = what;
        recorded++;
    }

    public int capacity() {
        return timeNs.length;
    }

    /** Decisions recorded since the start, including those overwritten. */
    public long recordedCount() {
        return recorded;
    }

    /** Decisions still held: the last {@link #capacity()} at most. */
    public int size() {
        return (int) Math.min(recorded, timeNs.length);
    }

    /** The decisions held, oldest first. Allocates. */
    public List<CommandDecision> decisions() {
        int size = size();
        List<CommandDecision> out = new ArrayList<>(size);
        for (long n = recorded - size; n < recorded; n++) {
            int i = (int) (n % timeNs.length);
            out.add(new CommandDecision(timeNs[i], requestSequence[i], correlationId[i], kind[i], reason[i], text[i]));
        }
        return out;
    }

    /** The latest decision, or null if none. Allocates. */
    public CommandDecision latest() {
        if (recorded == 0) {
            return null;
        }
        int i = (int) ((recorded - 1) % timeNs.length);
        return new CommandDecision(timeNs[i], requestSequence[i], correlationId[i], kind[i], reason[i], text[i]);
    }
}
