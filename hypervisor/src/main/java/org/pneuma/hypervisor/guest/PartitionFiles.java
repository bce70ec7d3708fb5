package org.pneuma.hypervisor.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A partition's private directory on the host, under the JVM's temporary directory: its services' output and its
 * init's output, deleted when the partition stops. Also the rules for service names and environments that both
 * backends share.
 */
final class PartitionFiles {
    /** The {@code PATH} every service gets unless the spec or the launch sets one. */
    static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    private final Path directory;

    private PartitionFiles(Path directory) {
        this.directory = directory;
    }

    static PartitionFiles create(String partition) {
        try {
            return new PartitionFiles(Files.createTempDirectory("pneuma-guest-" + partition + "-"));
        } catch (IOException e) {
            throw new GuestPartitionException("guest partition " + partition + ": cannot create its directory in "
                + System.getProperty("java.io.tmpdir") + ": " + e, e);
        }
    }

    Path directory() {
        return directory;
    }

    Path serviceOutput(String service) {
        return directory.resolve(service + ".out");
    }

    Path initOutput() {
        return directory.resolve("init.out");
    }

    /** Deletes the directory and its files; returns what could not be deleted. */
    List<String> delete() {
        List<String> leftovers = new ArrayList<>();
        if (!Files.exists(directory)) {
            return leftovers;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    leftovers.add(file + ": " + e);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            leftovers.add(directory + ": " + e);
        }
        return leftovers;
    }

    /** Refuses a service name that is not a plain lower-case word, or that the partition already has. */
    static void requireNewServiceName(String partition, String service, List<GuestService> existing) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("guest partition " + partition + ": service name '" + service
                + "' must be 1-40 lower-case letters, digits and inner hyphens");
        }
        for (GuestService other : existing) {
            if (other.name().equals(service)) {
                throw new IllegalArgumentException("guest partition " + partition + " already has a service " + service);
            }
        }
    }

    /** A standard {@code PATH}, then the partition's variables, then the service's. */
    static Map<String, String> environment(GuestPartitionSpec spec, Map<String, String> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", STANDARD_PATH);
        environment.putAll(spec.environment());
        environment.putAll(service);
        return environment;
    }
}
