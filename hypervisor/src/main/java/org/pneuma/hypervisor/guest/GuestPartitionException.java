package org.pneuma.hypervisor.guest;

import java.io.Serial;

/**
 * A guest partition could not be started, a service could not be launched, or a partition could not be stopped
 * without leaving something behind. The message names the file, tool or process concerned and what the kernel or
 * the tool said.
 */
public final class GuestPartitionException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public GuestPartitionException(String message) {
        super(message);
    }

    public GuestPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
