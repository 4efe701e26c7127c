package org.twisted4j.internet;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Handlers for POSIX signals such as {@code INT}, {@code TERM}, {@code HUP} and {@code USR1}, as Twisted's
 * reactor and {@code twistd} install them: a handler runs, on a thread of the JVM's, in place of the JVM's own
 * reaction (for {@code INT} and {@code TERM}, exiting with status 130 or 143).
 *
 * <p>The JDK's only way to handle a signal is {@code sun.misc.Signal} in module {@code jdk.unsupported}; it is
 * reached reflectively, since compiling against it draws a warning no annotation silences. Where it is absent
 * or refuses a signal (the JVM keeps {@code QUIT} for its thread dumps), {@link #handle} returns empty and
 * the JVM's default stays.
 *
 * <p>Threading: a handler runs on a thread of its own; it must hand reactor work over with
 * {@link ReactorThreads#callFromThread} (or call the thread-safe {@link ReactorCore#stop}).
 */
public final class Signals {

    private Signals() {
    }

    /** A handler in place for a signal; {@link #restore} puts back the one it replaced. */
    public static final class Registration {
        private final Method handle;
        private final Object signal;
        private final Object previous;

        private Registration(Method handle, Object signal, Object previous) {
            this.handle = handle;
            this.signal = signal;
            this.previous = previous;
        }

        /** Puts back the handler this one replaced. */
        public void restore() {
            try {
                handle.invoke(null, signal, previous);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // the JVM refused to change it back: the handler stays, which is harmless
            }
        }
    }

    /**
     * Runs {@code handler} whenever the process receives the signal {@code name}.
     *
     * @param name the signal's name without {@code SIG}: {@code "TERM"}, {@code "HUP"}, {@code "USR1"}...
     * @param handler what to run; an exception it throws is reported on standard error by the JVM
     * @return the registration, or empty if this JVM cannot handle that signal
     */
    public static Optional<Registration> handle(String name, Runnable handler) {
        Objects.requireNonNull(handler, "handler");
        Api api = Api.JDK;
        if (api == null) {
            return Optional.empty();
        }
        try {
            Object signal = api.signal().newInstance(Objects.requireNonNull(name, "name"));
            Object proxy = Proxy.newProxyInstance(api.handler().getClassLoader(), new Class<?>[] {api.handler()},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "signal handler for SIG" + name;
                    });
            Object previous = api.handle().invoke(null, signal, proxy);
            return Optional.of(new Registration(api.handle(), signal, Objects.requireNonNull(previous)));
        } catch (InvocationTargetException refused) {
            return Optional.empty(); // unknown signal, or one the JVM keeps for itself
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** {@code sun.misc.Signal}'s constructor, its handler interface and its {@code handle} method. */
    private record Api(Constructor<?> signal, Class<?> handler, Method handle) {
        /** The API, or null if this JDK lacks it. */
        static final @Nullable Api JDK = load();

        private static @Nullable Api load() {
            try {
                Class<?> signalType = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                return new Api(signalType.getConstructor(String.class), handlerType,
                        signalType.getMethod("handle", signalType, handlerType));
            } catch (ReflectiveOperationException | LinkageError absent) {
                return null;
            }
        }
    }
}
