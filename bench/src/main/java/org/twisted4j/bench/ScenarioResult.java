package org.twisted4j.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one load scenario measured, printed as one machine-readable line:
 * {@code echo-load scenario=NAME key=value ...}, keys in the order they were added, no spaces in values.
 * {@code rate} and {@code unit} are always present; {@code verified=true} means every byte that came back
 * was the byte sent, and as many came back as were sent.
 *
 * <p>Threading: one thread only.
 */
final class ScenarioResult {

    private final String kind;
    private final Map<String, String> fields = new LinkedHashMap<>();

    /**
     * Starts a result of {@link EchoLoad}.
     *
     * @param scenario the scenario's name
     */
    ScenarioResult(String scenario) {
        this("echo-load", scenario);
    }

    /**
     * Starts a result of another load program.
     *
     * @param kind the line's first word, naming the program, such as {@code amp-load}
     * @param scenario the scenario's name
     */
    ScenarioResult(String kind, String scenario) {
        this.kind = kind;
        fields.put("scenario", scenario);
    }

    /**
     * Adds a field.
     *
     * @param key the field's name
     * @param value its value: a Double is printed with up to three decimals, anything else as {@code toString}
     * @return this result
     */
    ScenarioResult put(String key, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value.toString();
        fields.put(key, text.replace(' ', '_'));
        return this;
    }

    /**
     * Tells whether the run's echo was verified.
     *
     * @return true if the field {@code verified} is {@code true}
     */
    boolean verified() {
        return "true".equals(fields.get("verified"));
    }

    /** Returns the result line. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(kind);
        fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        return line.toString();
    }
}
