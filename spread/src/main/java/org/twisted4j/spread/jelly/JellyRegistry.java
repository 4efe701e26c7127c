package org.twisted4j.spread.jelly;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The type atoms and Python class names that Java code has taught jelly, passed to each jelly and unjelly
 * run: Twisted's {@code unjellyableRegistry}, without its global state. A name from the wire is only ever
 * looked up here; no class is ever found by reflection.
 *
 * <h2>Using it</h2>
 * <ul>
 * <li>{@link #register(String, Unjellyer)}: an {@link Unjellyer} for s-expressions whose first item is
 *     this atom or class name ({@code remote}, {@code cached}, a copyable's class...). It is consulted
 *     before the built-in atoms, as Twisted's registry is before its {@code _unjelly_*} methods.</li>
 * <li>{@link #registerClass}: a Java type that travels as instances of a Python class, both ways.</li>
 * </ul>
 * Registering a name does not allow it: the run's {@link SecurityOptions} must allow it too, and are
 * checked first.
 *
 * <h2>Threading</h2>
 * Any thread: register while setting up, then share it.
 */
public final class JellyRegistry {

    private final Map<String, Unjellyer> unjellyers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ClassEntry<?>> byType = new ConcurrentHashMap<>();

    record ClassEntry<T>(String className, Class<T> type, StateMapping<T> mapping) {
    }

    /** Creates an empty registry. */
    public JellyRegistry() {
    }

    /**
     * Registers how to unjelly s-expressions of a type atom or class name, replacing any earlier entry.
     *
     * @param typeName the atom or class name, as the first item of the s-expression
     * @param unjellyer what makes their values
     * @return this registry
     */
    public JellyRegistry register(String typeName, Unjellyer unjellyer) {
        unjellyers.put(Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(unjellyer, "unjellyer"));
        return this;
    }

    /**
     * Registers a Java type that travels as instances of a Python class: jellied as
     * {@code [className, state]}, and {@code [className, state]} unjellied to it.
     *
     * @param className the Python class's full name, {@code module.Class}
     * @param type the Java type (instances of exactly this class are jellied this way)
     * @param mapping the conversion to and from the state
     * @param <T> the Java type
     * @return this registry
     */
    public <T> JellyRegistry registerClass(String className, Class<T> type, StateMapping<T> mapping) {
        ClassEntry<T> entry = new ClassEntry<>(className, type, mapping);
        byType.put(type, entry);
        unjellyers.put(className, (unjellier, sexp) -> {
            if (sexp.size() < 2) {
                throw new InsecureJelly("instance of " + className + " without state");
            }
            Object state = unjellier instanceof JellyReader reader
                    ? reader.unjellyState(sexp.get(1), className)
                    : unjellier.unjelly(sexp.get(1));
            if (state == null) {
                throw new InsecureJelly("instance of " + className + " with None for state");
            }
            return mapping.setStateFor(state, unjellier);
        });
        return this;
    }

    /**
     * Returns the unjellyer registered for a type atom or class name, or null.
     *
     * @param typeName the atom or class name
     * @return the unjellyer, or null
     */
    public @Nullable Unjellyer unjellyerFor(String typeName) {
        return unjellyers.get(typeName);
    }

    @Nullable ClassEntry<?> classFor(Class<?> type) {
        return byType.get(type);
    }
}
