package org.pneuma.hypervisor.config;

/** Which isolation backend the guest partition asks for; {@code STRONGEST} lets the host decide. */
public enum GuestBackendChoice {
    STRONGEST, VM, SANDBOX, PROCESS
}
