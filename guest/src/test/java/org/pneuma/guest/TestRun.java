package org.pneuma.guest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Captured output of a main run in the test's own JVM. */
final class TestRun {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The RESULT line's key=value pairs (values without spaces only). */
    Map<String, String> result() {
        String result = out().lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + out() + err()));
        Map<String, String> values = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\w+\\([^)]*\\)|\\S+)").matcher(result);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    long resultLong(String key) {
        String value = result().get(key);
        if (value == null) {
            throw new AssertionError("no " + key + " in RESULT line of:\n" + out());
        }
        return Long.parseLong(value);
    }
}
