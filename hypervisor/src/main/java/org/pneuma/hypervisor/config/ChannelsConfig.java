package org.pneuma.hypervisor.config;

/** How a partition maps each channel; null when it does not map it. */
public record ChannelsConfig(ChannelAccess sensorBus, ChannelAccess commandMailbox) {
}
