package org.twisted4j.testing;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ListeningPort;

/**
 * The listening port a {@link MemoryReactor} returns for a TCP or UNIX server, as Twisted's
 * {@code _FakePort}: it accepts nothing, but starts and stops its factory as a real port does.
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class FakePort implements ListeningPort {

    private final Address host;
    private final Runnable onStart;
    private final Runnable onStop;
    private boolean listening;

    FakePort(Address host, Runnable onStart, Runnable onStop) {
        this.host = host;
        this.onStart = onStart;
        this.onStop = onStop;
    }

    /**
     * Listens again, calling the factory's {@code doStart}.
     *
     * @throws IllegalStateException if it is listening already
     */
    @Override
    public void startListening() {
        if (listening) {
            throw new IllegalStateException("port " + host + " is listening already");
        }
        listening = true;
        onStart.run();
    }

    /** Stops listening, calling the factory's {@code doStop} if it was listening; fires at once. */
    @Override
    public Deferred<@Nullable Void> stopListening() {
        if (listening) {
            listening = false;
            onStop.run();
        }
        return Deferred.succeed(null);
    }

    @Override
    public Address getHost() {
        return host;
    }

    /** Returns whether the port is listening: started and not stopped. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public String toString() {
        return "FakePort[" + host + (listening ? ", listening" : "") + "]";
    }
}
