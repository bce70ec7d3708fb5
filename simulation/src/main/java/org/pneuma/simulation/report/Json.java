package org.pneuma.simulation.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.Writer;

/** Shared JSON conventions: pretty printed, snake_case keys, numbers rounded, non-finite as null. */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        return g;
    }

    /** Writes {@code v} rounded to 4 decimals (deterministic, readable), or null when not finite. */
    static void number(JsonGenerator g, String key, double v) throws IOException {
        g.writeFieldName(key);
        number(g, v);
    }

    /** Writes {@code v} as {@link #number(JsonGenerator, String, double)} does, or null when absent. */
    static void number(JsonGenerator g, String key, Double v) throws IOException {
        number(g, key, v == null ? Double.NaN : v);
    }

    static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
        } else {
            double r = Math.round(v * 1e4) / 1e4;
            if (r == Math.rint(r) && Math.abs(r) < 1e15) g.writeNumber((long) r);
            else g.writeNumber(r);
        }
    }
}
