package org.twisted4j.testing;

import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.UserError;

/**
 * The connector a {@link MemoryReactor} returns for an outgoing connection, as Twisted's
 * {@code _FakeConnector}: the attempt never succeeds on its own, but it tells its factory what a real
 * connector would, and a test can make it fail.
 *
 * <ul>
 *   <li>Starting an attempt (when the reactor is asked to connect, and on {@link #connect()}) calls the
 *       factory's {@code doStart} (the first time) and {@code startedConnecting}.</li>
 *   <li>{@link #stopConnecting()} and {@link #failConnection} end the attempt with the factory's
 *       {@code clientConnectionFailed}, followed by {@code doStop} unless the factory tried again.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class FakeConnector implements Connector {

    private final Address destination;
    private final ClientFactory factory;
    private boolean connecting;
    private boolean factoryStarted;
    private boolean stoppedConnecting;
    private boolean disconnected;
    private int attempts;

    FakeConnector(Address destination, ClientFactory factory) {
        this.destination = destination;
        this.factory = factory;
    }

    /** Starts the first attempt; the reactor calls it once it has recorded the connection request. */
    void begin() {
        connecting = true;
        attempts++;
        if (!factoryStarted) {
            factoryStarted = true;
            factory.doStart();
        }
        factory.startedConnecting(this);
    }

    /**
     * Starts another attempt.
     *
     * @throws IllegalStateException if an attempt is under way
     */
    @Override
    public void connect() {
        if (connecting) {
            throw new IllegalStateException("connector to " + destination + " is connecting already");
        }
        begin();
    }

    /** Records the request and, if an attempt is under way, stops it as {@link #stopConnecting()} does. */
    @Override
    public void disconnect() {
        disconnected = true;
        if (connecting) {
            stopConnecting();
        }
    }

    /**
     * Calls off the attempt: the factory's {@code clientConnectionFailed} receives a {@link UserError}.
     *
     * @throws IllegalStateException if no attempt is under way
     */
    @Override
    public void stopConnecting() {
        if (!connecting) {
            throw new IllegalStateException("connector to " + destination + " is not connecting");
        }
        stoppedConnecting = true;
        failed(new UserError());
    }

    @Override
    public Address getDestination() {
        return destination;
    }

    /**
     * Makes the attempt under way fail, as a refused or timed-out connection would: the factory's
     * {@code clientConnectionFailed} receives {@code reason}. For tests.
     *
     * @param reason why it failed, such as a {@link org.twisted4j.internet.ConnectionRefusedError}
     * @throws IllegalStateException if no attempt is under way
     */
    public void failConnection(Throwable reason) {
        if (!connecting) {
            throw new IllegalStateException("connector to " + destination + " is not connecting");
        }
        failed(reason);
    }

    /** Returns whether an attempt is under way. */
    public boolean isConnecting() {
        return connecting;
    }

    /** Returns whether {@link #stopConnecting()} has ever been called successfully. */
    public boolean isStoppedConnecting() {
        return stoppedConnecting;
    }

    /** Returns whether {@link #disconnect()} has been called. */
    public boolean isDisconnected() {
        return disconnected;
    }

    /** Returns how many attempts have been started: one, plus one for each {@link #connect()}. */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "FakeConnector[" + destination + (connecting ? ", connecting" : "") + "]";
    }

    private void failed(Throwable reason) {
        connecting = false;
        factory.clientConnectionFailed(this, new Failure(reason));
        if (!connecting && factoryStarted) {
            factoryStarted = false;
            factory.doStop();
        }
    }
}
