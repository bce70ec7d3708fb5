package org.pneuma.hypervisor.config;

/**
 * A guest service (display, recorder, uploader).
 *
 * @param name               unique within the partition
 * @param heartbeatTimeoutS  silence longer than this counts as a failure
 */
public record ServiceConfig(String name, Double heartbeatTimeoutS) {
}
