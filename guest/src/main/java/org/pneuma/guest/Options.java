package org.pneuma.guest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a guest main, checked against the names the main knows. Setup only:
 * parsing allocates freely.
 */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    /**
     * Parses {@code args[from..]} as {@code --name value} pairs.
     *
     * @throws UsageException for a name not in {@code known}, a name given twice, or a name without a value
     */
    static Options parse(String[] args, int from, Set<String> known) throws UsageException {
        Options options = new Options();
        for (int i = from; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown option '" + name + "' (known: --" + String.join(", --", known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (options.values.put(name.substring(2), args[++i]) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
        return options;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    Path path(String name) throws UsageException {
        try {
            return Path.of(string(name));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("option --" + name + ": not a path: " + e.getMessage());
        }
    }

    long longValue(String name, long defaultValue, long min, long max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException("option --" + name + " must be " + min + ".." + max + ", was " + parsed);
        }
        return parsed;
    }

    int intValue(String name, int defaultValue, int min, int max) throws UsageException {
        return (int) longValue(name, defaultValue, min, max);
    }

    /** True for a first argument asking for help. */
    static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}
