package org.pneuma.safety.command;

import org.pneuma.channel.CommandReason;

/**
 * One decision of the {@link CommandHandler}, as kept in its {@link CommandLog}.
 *
 * @param timeNs          the poll's time
 * @param requestSequence the request frame's sequence
 * @param correlationId   the request's correlation id as read (junk for a garbled frame)
 * @param kind            the request's kind as read
 * @param reason          {@link CommandReason#ACCEPTED} or why not
 * @param text            what the response said, in full (the response may carry it cut)
 */
public record CommandDecision(long timeNs, long requestSequence, long correlationId, int kind, CommandReason reason,
                              String text) {
    public boolean accepted() {
        return reason == CommandReason.ACCEPTED;
    }
}
