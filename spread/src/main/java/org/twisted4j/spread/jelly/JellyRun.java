package org.twisted4j.spread.jelly;

import org.jspecify.annotations.Nullable;

/**
 * What one jelly or unjelly run carries from start to end: the taster that allows types, the registry of
 * handlers, and the invoker (the Perspective Broker's broker, or null). {@link JellyWriter} and
 * {@link JellyReader} extend it.
 */
abstract class JellyRun {

    private final SecurityOptions taster;
    private final JellyRegistry registry;
    private final @Nullable Object invoker;

    JellyRun(SecurityOptions taster, JellyRegistry registry, @Nullable Object invoker) {
        this.taster = taster;
        this.registry = registry;
        this.invoker = invoker;
    }

    /** Returns the invoker of this run, or null. */
    public @Nullable Object invoker() {
        return invoker;
    }

    /** Returns the security options of this run. */
    public SecurityOptions taster() {
        return taster;
    }

    /** Returns the registry of this run. */
    public JellyRegistry registry() {
        return registry;
    }
}
