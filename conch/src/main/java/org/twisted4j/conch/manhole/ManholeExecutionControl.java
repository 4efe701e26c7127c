package org.twisted4j.conch.manhole;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorThreads;

/**
 * Runs a session's snippets in this JVM, on the reactor's thread (JShell compiles them on the session's worker
 * thread, which waits here), as Twisted's manhole runs its code in the reactor. A value that is a
 * {@link Deferred} is shown as {@code <Deferred #N>}, and its result is reported when it fires.
 */
final class ManholeExecutionControl extends DirectExecutionControl {

    private final ReactorThreads reactor;
    private final Consumer<String> fired;
    private final Map<Deferred<?>, Integer> numbers = new WeakHashMap<>();
    private int nextNumber;

    ManholeExecutionControl(SnippetLoader loader, ReactorThreads reactor, Consumer<String> fired) {
        super(loader);
        this.reactor = reactor;
        this.fired = fired;
    }

    /** A provider of this control for {@code JShell.builder().executionEngine}. */
    static ExecutionControlProvider provider(ManholeExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "manhole";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        // The value goes back boxed: a bare Deferred would make the reactor wait for it.
        CompletableFuture<Object[]> outcome = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                @Nullable Object value = doit.invoke(null);
                outcome.complete(new Object[] {value instanceof Deferred<?> d ? watch(d) : valueString(value)});
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            return (String) outcome.get()[0];
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        String text = super.varValue(className, varName);
        synchronized (numbers) {
            for (Map.Entry<Deferred<?>, Integer> entry : numbers.entrySet()) {
                if (valueString(entry.getKey()).equals(text)) {
                    return "<Deferred #" + entry.getValue() + ">";
                }
            }
        }
        return text;
    }

    /** Reports a Deferred's result when it fires; on the reactor's thread. */
    private String watch(Deferred<?> deferred) {
        int number;
        synchronized (numbers) {
            Integer known = numbers.get(deferred);
            if (known != null) {
                return "<Deferred #" + known + ">";
            }
            number = nextNumber++;
            numbers.put(deferred, number);
        }
        deferred.addBoth(result -> {
            if (result instanceof Failure failure) {
                fired.accept("Deferred #" + number + " failed: " + failure.getErrorMessage());
                return null;
            }
            fired.accept("Deferred #" + number + " called back: " + valueString(result));
            return result;
        });
        return "<Deferred #" + number + ">";
    }
}
