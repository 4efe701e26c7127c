package org.twisted4j.conch.transport;

import org.twisted4j.cred.SshWire;

/**
 * A service carried by an {@link SshTransport} (Twisted's {@code SSHService}): {@code ssh-userauth}, then
 * {@code ssh-connection}. The transport hands it every packet whose message number is 50 or more.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class SshService {
    private SshTransport transport;

    /** Makes a service; the transport attaches itself when it starts the service. */
    protected SshService() {
    }

    /** Returns the service name, such as {@code ssh-userauth}. */
    public abstract String name();

    final void attach(SshTransport transport) {
        this.transport = transport;
    }

    /** Returns the transport carrying this service. */
    public final SshTransport transport() {
        return transport;
    }

    /** Called when the service starts. Does nothing by default. */
    public void serviceStarted() {
    }

    /** Called when the service stops, because another replaced it or the connection was lost. */
    public void serviceStopped() {
    }

    /**
     * Called when the connection cannot take more output for now (the socket's buffer is full): stop producing
     * until {@link #writeResumed()}. Does nothing by default.
     */
    public void writePaused() {
    }

    /** Called when the connection can take output again. Does nothing by default. */
    public void writeResumed() {
    }

    /**
     * Called with each packet for this service.
     *
     * @param messageNumber the message number
     * @param payload the rest of the payload, after the message number
     * @throws SshProtocolException if the packet is bad; the transport disconnects with its reason
     */
    public abstract void packetReceived(int messageNumber, SshWire payload) throws SshProtocolException;
}
