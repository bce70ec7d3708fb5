package org.pneuma.simulation.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s, keeping Jackson's token locations as line numbers.
 * YAML syntax is Jackson's (SnakeYAML underneath); this class only records where each value was.
 * Duplicate keys are problems.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final JsonParser parser;
    private final Problems problems;

    private YamlTree(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document's root, or null when it is empty or not valid YAML (the problem is recorded). */
    static YamlNode parse(Reader in, Problems problems) {
        try (JsonParser p = FACTORY.createParser(in)) {
            YamlTree tree = new YamlTree(p, problems);
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(1, "", "the file is empty; a scenario needs at least name, duration_s, patient and settings");
                return null;
            }
            YamlNode root = tree.read(first);
            if (p.nextToken() != null) {
                problems.add(line(p.currentTokenLocation()), "", "only one YAML document is allowed per scenario file");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            problems.add(line(e.getLocation()), "", "not valid YAML: " + message.replace('\n', ' ').strip());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private YamlNode read(JsonToken token) throws IOException {
        int line = line(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> readMapping(line);
            case START_ARRAY -> readSequence(line);
            case VALUE_STRING -> new YamlNode.Scalar(line, YamlNode.Scalar.Kind.STRING, parser.getText(), Double.NaN);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(line, YamlNode.Scalar.Kind.INTEGER, parser.getText(), parser.getDoubleValue());
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(line, YamlNode.Scalar.Kind.DECIMAL, parser.getText(), parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(line, YamlNode.Scalar.Kind.BOOLEAN, parser.getText(), Double.NaN);
            case VALUE_NULL -> new YamlNode.Scalar(line, YamlNode.Scalar.Kind.NULL, "", Double.NaN);
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at line " + line);
        };
    }

    private YamlNode readMapping(int line) throws IOException {
        Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) throw new IllegalStateException("expected a key, got " + t);
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            YamlNode value = read(parser.nextToken());
            if (fields.containsKey(key)) {
                problems.add(keyLine, key, "duplicate key (first given on line " + fields.get(key).line() + ")");
                continue;
            }
            fields.put(key, new YamlNode.Field(key, keyLine, value));
        }
        return new YamlNode.Mapping(fields.isEmpty() ? line : fields.values().iterator().next().line(), fields);
    }

    private YamlNode readSequence(int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(read(t));
        }
        return new YamlNode.Sequence(line, items);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }
}
