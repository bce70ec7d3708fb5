package org.pneuma.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository that tests read: the scenario library and the ISO tables. */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: the nearest ancestor of the working directory with scenarios/ and a pom.xml. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no repository root with scenarios/ above " + Path.of("").toAbsolutePath());
    }

    /** Every {@code .yaml} file under {@code scenarios/}, in its subdirectories too, sorted by path. */
    public static List<Path> scenarios() {
        try (Stream<Path> files = Files.walk(scenarioDir())) {
            return files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path scenarioDir() {
        return root().resolve("scenarios");
    }

    /** A scenario file's name for a test: its path under {@code scenarios/}, e.g. {@code alarms/apnea-raise.yaml}. */
    public static String name(Path scenario) {
        return scenarioDir().relativize(scenario).toString().replace('\\', '/');
    }

    public static Path data(String name) {
        return root().resolve("data").resolve(name);
    }
}
