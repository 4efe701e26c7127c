package org.twisted4j.conch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Protocol;

/**
 * The subsystems a server offers by name (Twisted's {@code subsystemLookup}), such as {@code sftp}: each
 * {@code subsystem} request makes a new {@link Protocol} whose transport is the session channel.
 *
 * <pre>{@code
 * SubsystemRegistry subsystems = new SubsystemRegistry();
 * subsystems.register("sftp", user -> new SftpServer(rootOf(user)));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Register before serving; looked up on the reactor thread.
 */
public final class SubsystemRegistry {

    /** Makes the protocol of one subsystem for one user. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Makes the protocol, or returns null to refuse.
         *
         * @param user the user who asked
         */
        @Nullable Protocol create(ConchUser user);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    /** Makes an empty registry. */
    public SubsystemRegistry() {
    }

    /**
     * Registers a subsystem, replacing one of the same name.
     *
     * @return this registry
     */
    public SubsystemRegistry register(String name, Factory factory) {
        factories.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
        return this;
    }

    /** Returns the factory registered under the name, or null. */
    public @Nullable Factory lookup(String name) {
        return factories.get(name);
    }

    /** Returns the names registered. */
    public Set<String> names() {
        return Set.copyOf(factories.keySet());
    }
}
