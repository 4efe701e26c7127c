package org.twisted4j.protocols.tls;

import org.twisted4j.internet.NioReactor;

/**
 * Where a {@link TlsProtocol} runs its engine's delegated tasks (the handshake's certificate checks, key
 * exchange and signatures), so that they leave the reactor thread, and how the layer hears, back on that
 * thread, that they are done.
 */
@FunctionalInterface
interface DelegatedTasks {

    /**
     * Runs {@code tasks} away from the reactor thread, then {@code done} on the reactor thread, whether the
     * tasks threw or not. Called on the reactor thread.
     *
     * @param tasks the engine's tasks, run in order; an exception one throws ends the others
     * @param done what to run on the reactor thread afterwards
     */
    void run(Runnable tasks, Runnable done);

    /**
     * Returns the runner for the reactor the calling thread runs: each batch of tasks on a virtual thread,
     * and {@code done} through the reactor's {@code callFromThread}; null if the caller is on no reactor's
     * thread, and the tasks then run in place.
     */
    static @org.jspecify.annotations.Nullable DelegatedTasks ofCurrentReactor() {
        NioReactor reactor = NioReactor.current();
        if (reactor == null) {
            return null;
        }
        return (tasks, done) -> reactor.callInThread(() -> {
            try {
                tasks.run();
            } finally {
                reactor.callFromThread(done);
            }
        });
    }
}
