package org.pneuma.simulation.scenario;

import java.util.List;
import java.util.Map;

/**
 * A YAML value and the line it came from: the tree the scenario reader walks, so that every error can
 * name its line. Built by {@link YamlTree} from Jackson's YAML parser and its token locations.
 */
sealed interface YamlNode {

    /** 1-based line of the value in the file. */
    int line();

    /** How the value reads in an error message: "a list", "the text \"abc\"", "the number 5". */
    String describe();

    /** A mapping; keys in file order. */
    record Mapping(int line, Map<String, Field> fields) implements YamlNode {
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the line of the key. */
    record Field(String key, int line, YamlNode value) {
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code number} is meaningful for {@link Kind#INTEGER} and {@link Kind#DECIMAL}. */
    record Scalar(int line, Kind kind, String text, double number) implements YamlNode {
        enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        boolean isNumber() {
            return kind == Kind.INTEGER || kind == Kind.DECIMAL;
        }

        public String describe() {
            return switch (kind) {
                case STRING -> "the text \"" + text + "\"";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }
}
