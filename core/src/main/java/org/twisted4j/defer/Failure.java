package org.twisted4j.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error travelling down a {@link Deferred}'s chain, as Twisted's {@code twisted.python.failure.Failure}:
 * the throwable itself, plus the stack of the place where the chain was fired with it.
 *
 * <h2>Using it</h2>
 * Errbacks receive a {@code Failure}. {@link #trap} lets an errback handle some errors and pass the rest on:
 * <pre>{@code
 * d.addErrback(failure -> {
 *     failure.trap(ConnectionRefusedError.class, TimeoutError.class);  // anything else goes on down the chain
 *     return fallbackValue;
 * });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable once it has been fired into a chain; any thread may read it.
 */
public final class Failure {
    private static final StackTraceElement[] NO_STACK = new StackTraceElement[0];

    private final Throwable value;
    private StackTraceElement[] firedAt = NO_STACK;

    /**
     * Wraps {@code value}.
     *
     * @param value the error; its own stack trace says where it was thrown
     */
    public Failure(Throwable value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Returns the wrapped throwable. */
    public Throwable value() {
        return value;
    }

    /** Returns the class of the wrapped throwable. */
    public Class<? extends Throwable> type() {
        return value.getClass();
    }

    /**
     * Returns the first of {@code types} that the wrapped throwable is an instance of, or {@code null} if it
     * is none of them.
     */
    @SafeVarargs
    public final @Nullable Class<? extends Throwable> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(value)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Returns the first of {@code types} that the wrapped throwable is an instance of; if it is none of them,
     * throws the wrapped throwable itself, so that an errback calling this passes the failure on unchanged.
     *
     * @apiNote The wrapped throwable is thrown even when it is a checked exception, although this method
     *     declares none; a {@link Deferred} catches it and keeps this same failure on its errback path.
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
        Class<? extends Throwable> match = check(types);
        if (match == null) {
            throw raise();
        }
        return match;
    }

    /**
     * Throws the wrapped throwable, checked or not.
     *
     * @return never returns; declared so that callers can write {@code throw failure.raise();}
     */
    public RuntimeException raise() {
        throw Failure.<RuntimeException>sneakyThrow(value);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    /** Returns the wrapped throwable's class name and message, as {@code "java.io.IOException: reset"}. */
    public String getErrorMessage() {
        return value.toString();
    }

    /**
     * Returns the stack of the place where this failure was fired into a {@link Deferred}'s chain with
     * {@link Deferred#errback}, or an empty array if it was created by a callback that threw.
     */
    public StackTraceElement[] firedAt() {
        return firedAt.clone();
    }

    /**
     * Returns a readable traceback: the wrapped throwable's stack trace, with its causes and suppressed
     * exceptions, then the stack where the failure was fired, if known.
     */
    public String getTraceback() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        value.printStackTrace(out);
        if (firedAt.length > 0) {
            out.println("Fired into a Deferred at:");
            for (StackTraceElement frame : firedAt) {
                out.println("\tat " + frame);
            }
        }
        out.flush();
        return text.toString();
    }

    /** Records where this failure entered a chain, the first time only. */
    void recordFiredAt(StackTraceElement[] stack) {
        if (firedAt.length == 0) {
            firedAt = stack;
        }
    }

    /** Returns {@code "[Failure instance: " + the error message + "]"}, as Twisted prints one. */
    @Override
    public String toString() {
        return "[Failure instance: " + getErrorMessage() + "]";
    }

    /** Returns the current stack, from the first frame outside this package's Deferred and Failure. */
    static StackTraceElement[] callerStack() {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        int first = 0;
        while (first < stack.length && isOwnFrame(stack[first])) {
            first++;
        }
        return Arrays.copyOfRange(stack, first, stack.length);
    }

    private static boolean isOwnFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.equals(Failure.class.getName()) || name.equals(Deferred.class.getName());
    }
}
