package org.twisted4j.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one phase of {@link SoakLoad}, by kind, and a few examples of each kind of unexpected error.
 * Kinds starting with {@code error_} are unexpected errors; {@code status_5xx} counts server errors; the others
 * are what was done and what was expected to go wrong (a vanishing client's own connection error, say). Any
 * thread.
 */
final class Tally {

    /** How many examples of each error kind are kept for the report. */
    static final int EXAMPLES_PER_KIND = 3;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> maxima = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListSet<String>> examples = new ConcurrentHashMap<>();

    /** Adds one to the count of {@code kind}. */
    void count(String kind) {
        add(kind, 1);
    }

    /** Adds {@code n} to the count of {@code kind}. */
    void add(String kind, long n) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
    }

    /** Raises the count of {@code kind} to {@code value} if it is below (for maxima, such as a longest wait). */
    void max(String kind, long value) {
        maxima.computeIfAbsent(kind, k -> new AtomicLong()).accumulateAndGet(value, Math::max);
    }

    /** Returns the count of {@code kind} so far. */
    long get(String kind) {
        LongAdder adder = counts.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    /** Counts an unexpected error of {@code kind} ({@code error_} is put before it) and keeps its example. */
    void error(String kind, String what) {
        String name = "error_" + kind;
        count(name);
        ConcurrentSkipListSet<String> kept = examples.computeIfAbsent(name, k -> new ConcurrentSkipListSet<>());
        if (kept.size() < EXAMPLES_PER_KIND) {
            kept.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }

    /** Counts a response's status: {@code status_2xx} and so on; a 5xx is kept as an example too. */
    void status(int code, String what) {
        String kind = "status_" + (code / 100) + "xx";
        count(kind);
        if (code >= 500) {
            ConcurrentSkipListSet<String> kept = examples.computeIfAbsent(kind, k -> new ConcurrentSkipListSet<>());
            if (kept.size() < EXAMPLES_PER_KIND) {
                kept.add(code + " for " + what);
            }
        }
    }

    /** Returns the counts, sorted by kind, as {@code kind=N} fields separated by spaces. */
    String fields() {
        StringBuilder out = new StringBuilder();
        Map<String, Long> all = new TreeMap<>();
        counts.forEach((kind, n) -> all.put(kind, n.sum()));
        maxima.forEach((kind, n) -> all.put(kind, n.get()));
        all.forEach((kind, n) -> out.append(' ').append(kind).append('=').append(n));
        return out.toString().strip();
    }

    /** Returns the examples, one line each ({@code kind: example}), or an empty string. */
    String examples() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(examples).forEach((kind, kept) -> kept.forEach(e -> out.append(kind).append(": ").append(e)
                .append('\n')));
        return out.toString();
    }

    /** Returns the number of unexpected errors of every kind plus the 5xx responses. */
    long problems() {
        long n = get("status_5xx");
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            if (entry.getKey().startsWith("error_")) {
                n += entry.getValue().sum();
            }
        }
        return n;
    }
}
