package org.pneuma.hypervisor.config;

/** How a partition maps a shared-memory channel. */
public enum ChannelAccess {
    READ_ONLY, READ_WRITE
}
