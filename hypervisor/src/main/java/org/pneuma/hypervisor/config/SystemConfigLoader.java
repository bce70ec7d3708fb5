package org.pneuma.hypervisor.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code config/pneuma.yaml}. A configuration with any problem is refused whole,
 * with every problem listed as {@code file:line: field: what is wrong}:
 * <ul>
 *   <li>unknown keys, wrong types, unknown enum values;</li>
 *   <li>not exactly one safety and one guest partition;</li>
 *   <li>partitions sharing a CPU, CPUs that do not exist, a CPU budget outside 1–100 %;</li>
 *   <li>a guest that maps the sensor bus writable, or a safety partition that cannot write it;</li>
 *   <li>real-time priorities out of 1–99 or not ordered alarm &gt; control &gt; publisher;</li>
 *   <li>memory, pids, restart and heartbeat values that make no sense; duplicate service names.</li>
 * </ul>
 */
public final class SystemConfigLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final Set<String> RESTART_POLICIES = Set.of("always", "on_failure", "never");

    private SystemConfigLoader() {
    }

    /**
     * @param hostCpus CPUs this host has (CPU ids 0 … hostCpus−1 exist)
     */
    public static SystemConfig load(Path file, int hostCpus) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(text, file.toString(), hostCpus);
    }

    public static SystemConfig parse(String yaml, String source, int hostCpus) throws ConfigException {
        SystemConfig config;
        Lines lines = Lines.of(yaml);
        try {
            config = MAPPER.readValue(yaml, SystemConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(List.of(where(source, e, lines) + ": unknown key '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known here: " + known + ")")));
        } catch (JsonMappingException e) {
            throw new ConfigException(List.of(where(source, e, lines) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        if (config == null || config.partitions() == null || config.partitions().isEmpty()) {
            throw new ConfigException(List.of(source + ":1: partitions: missing; a safety and a guest partition are required"));
        }
        List<String> problems = new ArrayList<>();
        new Checks(config, source, lines, hostCpus, problems).run();
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    /** Where a mapping error is: the line of its field (Jackson reports records at their end). */
    private static String where(String source, JsonMappingException e, Lines lines) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String[] pointer = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .toArray(String[]::new);
        int line = lines.of(pointer);
        if (line == 0 && e.getLocation() != null) line = e.getLocation().getLineNr();
        return source + ":" + line + ": " + path;
    }

    /** Line of each field path in the file (JSON Pointer → line), for problems found after parsing. */
    record Lines(Map<String, Integer> byPointer) {
        static Lines of(String yaml) {
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser p = new YAMLFactory().createParser(yaml)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    JsonPointer pointer = p.getParsingContext().pathAsPointer();
                    lines.putIfAbsent(pointer.toString(), p.currentLocation().getLineNr());
                }
            } catch (IOException ignored) {
                // Already parsed once: locations are a courtesy; a missing one prints as line 0.
            }
            return new Lines(lines);
        }

        int of(String... path) {
            return byPointer.getOrDefault("/" + String.join("/", path), 0);
        }
    }

    /** The semantic rules, each adding problems with their line. */
    private record Checks(SystemConfig config, String source, Lines lines, int hostCpus, List<String> problems) {
        void run() {
            long safety = count(PartitionKind.SAFETY);
            long guest = count(PartitionKind.GUEST);
            if (safety != 1 || guest != 1) {
                problems.add(source + ":" + lines.of("partitions") + ": partitions: need exactly one safety and one guest"
                        + " partition, found " + safety + " safety and " + guest + " guest");
            }
            Map<Integer, String> cpuOwner = new HashMap<>();
            config.partitions().forEach((name, p) -> partition(name, p, cpuOwner));
        }

        private long count(PartitionKind kind) {
            return config.partitions().values().stream().filter(p -> p != null && p.kind() == kind).count();
        }

        private void partition(String name, PartitionConfig p, Map<Integer, String> cpuOwner) {
            if (p == null || p.kind() == null) {
                problem(name, null, "kind", "kind is required (safety or guest)");
                return;
            }
            if (p.cpus() == null || p.cpus().isEmpty()) {
                problem(name, null, "cpus", "at least one CPU is required");
            } else {
                for (int i = 0; i < p.cpus().size(); i++) {
                    Integer cpu = p.cpus().get(i);
                    String index = Integer.toString(i);
                    if (cpu == null || cpu < 0 || cpu >= hostCpus) {
                        problem(name, "cpus", index, "CPU " + cpu + " does not exist on this host (CPUs 0–" + (hostCpus - 1) + ")");
                    } else if (cpuOwner.containsKey(cpu)) {
                        problem(name, "cpus", index, "CPU " + cpu + " is already given to partition '" + cpuOwner.get(cpu)
                                + "': partitions may not share a CPU");
                    } else {
                        cpuOwner.put(cpu, name);
                    }
                }
            }
            if (p.cpuBudgetPct() == null || !(p.cpuBudgetPct() >= 1 && p.cpuBudgetPct() <= 100)) {
                problem(name, null, "cpu_budget_pct", "CPU budget " + p.cpuBudgetPct() + " must be 1–100 % of each of its CPUs");
            }
            if (p.memoryMb() == null || p.memoryMb() < 32 || p.memoryMb() > 65_536) {
                problem(name, null, "memory_mb", "memory " + p.memoryMb() + " MB must be 32–65536");
            }
            channels(name, p);
            restart(name, p);
            if (p.kind() == PartitionKind.SAFETY) safetyOnly(name, p);
            else guestOnly(name, p);
        }

        private void channels(String name, PartitionConfig p) {
            ChannelsConfig c = p.channels();
            if (c == null) {
                problem(name, null, "channels", "channels are required (sensor_bus, command_mailbox)");
                return;
            }
            if (p.kind() == PartitionKind.GUEST && c.sensorBus() == ChannelAccess.READ_WRITE) {
                problem(name, "channels", "sensor_bus", "a guest partition may only map the sensor bus read_only:"
                        + " sensor data flows one way, out of the safety partition");
            }
            if (p.kind() == PartitionKind.SAFETY && c.sensorBus() != ChannelAccess.READ_WRITE) {
                problem(name, "channels", "sensor_bus", "the safety partition writes the sensor bus: map it read_write");
            }
            if (c.commandMailbox() == null) {
                problem(name, "channels", "command_mailbox", "the command mailbox mapping is required");
            }
        }

        private void restart(String name, PartitionConfig p) {
            RestartPolicy r = p.restart();
            if (r == null || r.policy() == null || !RESTART_POLICIES.contains(r.policy())) {
                problem(name, "restart", "policy", "restart policy must be one of " + RESTART_POLICIES.stream().sorted().toList());
                return;
            }
            if (r.maxRestarts() != null && r.maxRestarts() < 0) problem(name, "restart", "max_restarts", "must be >= 0");
            if (r.withinS() != null && !(r.withinS() > 0)) problem(name, "restart", "within_s", "must be > 0");
            if (r.backoffS() != null) {
                for (int i = 0; i < r.backoffS().size(); i++) {
                    Double b = r.backoffS().get(i);
                    if (b == null || !(b >= 0 && b <= 600)) {
                        problems.add(source + ":" + lines.of("partitions", name, "restart", "backoff_s", Integer.toString(i))
                                + ": partitions." + name + ".restart.backoff_s[" + i + "]: " + b + " must be 0–600 s");
                    }
                }
            }
            if (r.escalateAfter() != null && r.escalateAfter() < 0) problem(name, "restart", "escalate_after", "must be >= 0");
        }

        private void safetyOnly(String name, PartitionConfig p) {
            if (p.backend() != null) problem(name, null, "backend", "the safety partition runs at hypervisor level: it has no guest backend");
            if (p.services() != null && !p.services().isEmpty()) problem(name, null, "services", "the safety partition runs no services");
            SchedulingConfig s = p.scheduling();
            if (s == null) {
                problem(name, null, "scheduling", "scheduling is required for the safety partition");
                return;
            }
            if (!"fifo".equals(s.policy()) && !"other".equals(s.policy())) {
                problem(name, "scheduling", "policy", "policy must be fifo or other, was " + s.policy());
            }
            int[] priorities = {s.alarmPriority(), s.controlPriority(), s.publisherPriority()};
            String[] keys = {"alarm_priority", "control_priority", "publisher_priority"};
            for (int i = 0; i < priorities.length; i++) {
                if (priorities[i] < 1 || priorities[i] > 99) problem(name, "scheduling", keys[i], priorities[i] + " must be 1–99");
            }
            if (!(s.alarmPriority() > s.controlPriority() && s.controlPriority() > s.publisherPriority())) {
                problem(name, null, "scheduling", "alarms must outrank control and control the publisher: need"
                        + " alarm_priority > control_priority > publisher_priority");
            }
        }

        private void guestOnly(String name, PartitionConfig p) {
            if (p.scheduling() != null) problem(name, null, "scheduling", "guest partitions get no real-time priority");
            if (p.backend() == null) problem(name, null, "backend", "backend is required: strongest, vm, sandbox or process");
            if (p.pidsMax() == null || p.pidsMax() < 16 || p.pidsMax() > 32_768) {
                problem(name, null, "pids_max", "pids limit " + p.pidsMax() + " must be 16–32768");
            }
            Set<String> seen = new HashSet<>();
            List<ServiceConfig> services = p.services() == null ? List.of() : p.services();
            for (int i = 0; i < services.size(); i++) {
                ServiceConfig s = services.get(i);
                String at = source + ":" + lines.of("partitions", name, "services", Integer.toString(i))
                        + ": partitions." + name + ".services[" + i + "]";
                if (s == null || s.name() == null || s.name().isBlank()) {
                    problems.add(at + ": name is required");
                } else if (!seen.add(s.name())) {
                    problems.add(at + ": service '" + s.name() + "' is listed twice");
                }
                if (s != null && (s.heartbeatTimeoutS() == null || !(s.heartbeatTimeoutS() >= 0.1 && s.heartbeatTimeoutS() <= 600))) {
                    problems.add(at + ".heartbeat_timeout_s: " + (s == null ? null : s.heartbeatTimeoutS()) + " must be 0.1–600 s");
                }
            }
        }

        private void problem(String partition, String group, String key, String message) {
            String line = group == null
                    ? Integer.toString(lines.of("partitions", partition, key))
                    : Integer.toString(lines.of("partitions", partition, group, key));
            String field = "partitions." + partition + "." + (group == null ? key : group + "." + key);
            problems.add(source + ":" + line + ": " + field + ": " + message);
        }
    }
}
