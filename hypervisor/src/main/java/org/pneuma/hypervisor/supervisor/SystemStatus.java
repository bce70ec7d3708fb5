package org.pneuma.hypervisor.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;

/**
 * What {@code pneuma status} shows of a running system: partitions, services, backend and limits,
 * restarts, live numerics from the sensor bus, the alarms the safety partition signals, its loop timing
 * and command counters, and the supervisor's latest events. Serialised as JSON with snake_case names.
 */
public record SystemStatus(long supervisorPid, String runDirectory, double uptimeS, Safety safety, Guest guest,
                           Numerics numerics, List<String> alarms, Loop loop, Commands commands, List<String> events) {

    /**
     * The safety partition's process: the CPU and priorities asked for, and how many of those the host refused
     * ({@code realtimeRefusals} 0: it runs as configured; its log names each refusal).
     */
    public record Safety(long pid, boolean alive, int cpu, int controlPriority, int alarmPriority, int restarts,
                         long realtimeRefusals) {
    }

    /** The guest partition: backend, limits in force, what is not isolated, services. */
    public record Guest(String backend, String name, String cpus, int cpuBudgetPct, long memoryLimitBytes,
                        int pidsLimit, List<String> limits, List<String> notIsolated, int partitionRestarts,
                        List<Service> services) {
    }

    /** One configured guest service. */
    public record Service(String name, long pid, boolean alive, double heartbeatAgeS, double heartbeatTimeoutS,
                          int restarts, String lastProblem) {
    }

    /** The newest sample on the sensor bus. {@code fresh} is false when the bus is stale or unreadable. */
    public record Numerics(boolean fresh, String busState, long sequence, double pressureCmH2O, double flowLpm,
                           double volumeMl, double oxygenPercent, long breathNumber, double pipCmH2O,
                           double peepCmH2O, double vtiMl, double vteMl, double rateBpm, double minuteVolumeLpm,
                           double ieRatio, long alarmBits) {
    }

    /** The safety loop's counters, and the garbage collections in its process since it went real-time. */
    public record Loop(long ticks, double lastTickUs, double maxTickUs, double maxLatenessUs, long deadlineMisses,
                       long gcCollections) {
    }

    /** The command mailbox's counters. */
    public record Commands(long accepted, long rejected, long rateLimited, long garbledFrames) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status does not serialise: " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static SystemStatus fromJson(String json) {
        try {
            return JSON.readValue(json, SystemStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a status: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
