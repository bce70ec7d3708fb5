package org.pneuma.hypervisor.supervisor;

/** The supervisor could not boot or keep the system up; the message says what and why. */
public final class SupervisorException extends RuntimeException {
    public SupervisorException(String message) {
        super(message);
    }

    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
