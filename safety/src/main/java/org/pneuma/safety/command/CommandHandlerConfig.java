package org.pneuma.safety.command;

/**
 * How much a {@link CommandHandler} takes from the guest.
 *
 * @param maxFramesPerPoll     request frames (garbled ones included) handled per poll at most; the rest wait
 * @param maxCommandsPerWindow well-formed commands let through to validation per rate window; the rest
 *                             are rejected as rate-limited without being looked at
 * @param rateWindowNs         the rate window (sliding)
 * @param logCapacity          decisions the in-memory log keeps (the oldest are overwritten)
 */
public record CommandHandlerConfig(int maxFramesPerPoll, int maxCommandsPerWindow, long rateWindowNs, int logCapacity) {
    /** Four frames a tick (4 000/s at 1 kHz), ten commands a second, the last 256 decisions. */
    public static final CommandHandlerConfig DEFAULT = new CommandHandlerConfig(4, 10, 1_000_000_000L, 256);

    public CommandHandlerConfig {
        if (maxFramesPerPoll < 1 || maxCommandsPerWindow < 1 || rateWindowNs < 1 || logCapacity < 1) {
            throw new IllegalArgumentException("every command handler limit must be positive: " + maxFramesPerPoll
                + " frames per poll, " + maxCommandsPerWindow + " commands per " + rateWindowNs + " ns, log of "
                + logCapacity);
        }
    }
}
