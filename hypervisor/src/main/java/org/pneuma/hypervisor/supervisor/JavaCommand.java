package org.pneuma.hypervisor.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line that runs a Java main class on this JVM's runtime and class path, so every partition's
 * program is exactly the build the supervisor runs (the packaged jar, or the test class path).
 */
public final class JavaCommand {
    private JavaCommand() {
    }

    /**
     * {@code java <jvmOptions> <flags every partition program needs> -cp <this class path> <mainClass> <args>}.
     * The flags: Agrona's access to {@code jdk.internal.misc}, native access for the host calls.
     */
    public static List<String> of(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
