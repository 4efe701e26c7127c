package org.twisted4j.internet;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A port that accepts connections or datagrams, as Twisted's {@code IListeningPort}: returned by the
 * reactor's {@code listen} methods, already listening.
 *
 * <pre>{@code
 * ListeningPort port = reactor.listenTCP(0, factory);      // 0: any free port
 * int actual = ((IPv4Address) port.getHost()).port();
 * port.stopListening().addCallback(ignored -> { log.info("closed"); return null; });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ListeningPort {

    /**
     * Starts listening again after {@link #stopListening()}; the reactor's {@code listen} methods have
     * already called it once.
     *
     * @throws CannotListenError if the port cannot be opened (in use, not permitted, unknown interface)
     * @throws IllegalStateException if the port is listening already
     */
    void startListening();

    /**
     * Stops accepting; connections already accepted stay open. The factory's {@link Factory#doStop()} is
     * called once the port has closed.
     *
     * @return fires with null once the port has closed; a second call returns a Deferred that fires when
     *     the first closing does
     */
    Deferred<@Nullable Void> stopListening();

    /**
     * Returns the address this port listens on; for port 0, the port the system picked.
     */
    Address getHost();
}
