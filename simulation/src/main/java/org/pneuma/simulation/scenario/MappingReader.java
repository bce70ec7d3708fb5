package org.pneuma.simulation.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the keys of one YAML mapping with their types, reporting each problem with its line and
 * field path. Keys outside the allowed list are reported as unknown when the reader is made, so a
 * misspelt key never silently falls back to a default.
 *
 * <p>Typed getters return null when the key is absent or its value is wrong (the problem is then
 * recorded); callers simply skip what is null.
 */
final class MappingReader {
    private final YamlNode.Mapping mapping;
    private final String path;
    private final Problems problems;
    private final List<String> allowed;

    private MappingReader(YamlNode.Mapping mapping, String path, Problems problems, List<String> allowed) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        this.allowed = allowed;
    }

    /**
     * A reader of {@code node}, or null (problem recorded) when it is not a mapping. Unknown keys are
     * reported at once, each with a suggestion when one allowed key is close.
     */
    static MappingReader of(YamlNode node, String path, Problems problems, List<String> allowed) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node.line(), path, "expected a mapping of keys (" + String.join(", ", allowed)
                    + "), got " + node.describe());
            return null;
        }
        MappingReader reader = new MappingReader(m, path, problems, allowed);
        for (YamlNode.Field f : m.fields().values()) {
            if (!allowed.contains(f.key())) {
                String hint = closest(f.key(), allowed);
                problems.add(f.line(), reader.pathOf(f.key()), "unknown key"
                        + (hint != null ? "; did you mean " + hint + "?" : "")
                        + " (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
        return reader;
    }

    int line() {
        return mapping.line();
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        check(key);
        return mapping.fields().containsKey(key);
    }

    /** Line of {@code key} if present, else of the mapping. */
    int lineOf(String key) {
        YamlNode.Field f = mapping.fields().get(key);
        return f != null ? f.line() : mapping.line();
    }

    YamlNode node(String key) {
        check(key);
        YamlNode.Field f = mapping.fields().get(key);
        return f == null ? null : f.value();
    }

    void missing(String key, String what) {
        problems.add(mapping.line(), pathOf(key), "is required: " + what);
    }

    /** A finite number, or null. */
    Double number(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        return number(n, pathOf(key), problems);
    }

    Double requiredNumber(String key, String what) {
        if (!has(key)) {
            missing(key, what);
            return null;
        }
        return number(key);
    }

    /** A number within [min, max], or null. */
    Double numberIn(String key, double min, double max, String unit) {
        Double v = number(key);
        if (v == null) return null;
        if (!(v >= min && v <= max)) {
            problems.add(lineOf(key), pathOf(key), "%s is out of range %s–%s %s".formatted(fmt(v), fmt(min), fmt(max), unit).strip());
            return null;
        }
        return v;
    }

    /** A whole number, or null. */
    Long integer(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.INTEGER) {
            try {
                return Long.decode(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
        }
        problems.add(n.line(), pathOf(key), "expected a whole number, got " + n.describe());
        return null;
    }

    /** A non-empty text (a YAML string or plain word), or null. */
    String text(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        return text(n, pathOf(key), problems);
    }

    String requiredText(String key, String what) {
        if (!has(key)) {
            missing(key, what);
            return null;
        }
        return text(key);
    }

    /** A list of exactly two numbers, the first below the second, or null. */
    double[] pair(String key, String what) {
        YamlNode n = node(key);
        if (n == null) return null;
        if (!(n instanceof YamlNode.Sequence seq) || seq.items().size() != 2) {
            problems.add(n.line(), pathOf(key), "expected " + what + " as a list of two numbers [from, to], got " + n.describe()
                    + (n instanceof YamlNode.Sequence seq2 ? " of " + seq2.items().size() : ""));
            return null;
        }
        Double a = number(seq.items().get(0), pathOf(key) + "[0]", problems);
        Double b = number(seq.items().get(1), pathOf(key) + "[1]", problems);
        if (a == null || b == null) return null;
        if (a > b) {
            problems.add(n.line(), pathOf(key), "[%s, %s]: the first number must not exceed the second".formatted(fmt(a), fmt(b)));
            return null;
        }
        return new double[] {a, b};
    }

    static Double number(YamlNode n, String path, Problems problems) {
        if (!(n instanceof YamlNode.Scalar s) || !s.isNumber()) {
            problems.add(n.line(), path, "expected a number, got " + n.describe());
            return null;
        }
        if (!Double.isFinite(s.number())) {
            problems.add(n.line(), path, "expected a finite number, got " + s.text());
            return null;
        }
        return s.number();
    }

    static String text(YamlNode n, String path, Problems problems) {
        if (!(n instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Scalar.Kind.STRING || s.text().isBlank()) {
            problems.add(n.line(), path, "expected a name, got " + n.describe());
            return null;
        }
        return s.text().strip();
    }

    private void check(String key) {
        if (!allowed.contains(key)) throw new IllegalArgumentException(key + " is not an allowed key of " + path);
    }

    /** Formats a number for a message: integers without a decimal point, others with up to 4 digits. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The allowed key {@code key} most plausibly misspells or abbreviates, or null. */
    static String closest(String key, List<String> allowed) {
        String k = key.toLowerCase(Locale.ROOT);
        List<String> extensions = allowed.stream().filter(a -> a.startsWith(k) && !a.equals(k)).toList();
        if (extensions.size() == 1) return extensions.getFirst();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(k, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, k.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static List<String> names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> v : values) names.add(v.name().toLowerCase(Locale.ROOT));
        return names;
    }
}
