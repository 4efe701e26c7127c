package org.twisted4j.protocols.haproxy;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.policies.ProtocolWrapper;

/**
 * Reads a connection's PROXY header, then connects the wrapped protocol and hands it the rest of the bytes;
 * to the wrapped protocol the peer and host are the addresses the header gave. A connection whose first
 * bytes are not a valid header, or that sends none in time, is aborted with one log line; the wrapped
 * protocol never hears of it.
 */
final class HAProxyProtocol extends ProtocolWrapper {
    private static final Logger LOG = Logger.forClass(HAProxyProtocol.class);

    private final HAProxyWrappingFactory proxyFactory;
    private final ProxyHeaderParser parser;
    private @Nullable ProxyHeader header;
    private @Nullable DelayedCall timeout;
    private boolean refused;

    HAProxyProtocol(HAProxyWrappingFactory factory, Protocol wrapped) {
        super(factory, wrapped, false);
        this.proxyFactory = factory;
        this.parser = new ProxyHeaderParser().setMaxLength(factory.maxHeaderLength());
    }

    /** Returns the header once read, else null. */
    @Nullable ProxyHeader header() {
        return header;
    }

    @Override
    public void connectionMade() {
        ReactorTime clock = proxyFactory.clock();
        if (clock != null) {
            timeout = clock.callLater(proxyFactory.headerTimeout(), () -> {
                timeout = null;
                refuse("no PROXY header within " + proxyFactory.headerTimeout() + " s");
            });
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (header != null) {
            super.dataReceived(data);
            return;
        }
        if (refused) {
            return;
        }
        ProxyHeader read;
        try {
            read = parser.parse(data);
        } catch (InvalidProxyHeader e) {
            refuse(e.getMessage());
            return;
        }
        if (read == null) {
            return;
        }
        header = read;
        cancelTimeout();
        wrappedProtocol().makeConnection(this);
        if (data.hasRemaining() && !isDisconnecting()) {
            super.dataReceived(data);
        }
    }

    private void refuse(String why) {
        refused = true;
        cancelTimeout();
        LOG.info("connection from {peer} dropped: {reason}", "peer", transport().getPeer(), "reason", why);
        transport().abortConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        cancelTimeout();
        if (header != null) {
            super.connectionLost(reason);
        } else {
            proxyFactory.forget(this);
        }
    }

    private void cancelTimeout() {
        DelayedCall pending = timeout;
        timeout = null;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
    }

    /** Returns the client's address from the header, or the real peer for LOCAL and unknown addresses. */
    @Override
    public Address getPeer() {
        ProxyHeader read = header;
        Address client = read == null ? null : read.clientAddress();
        return client != null ? client : super.getPeer();
    }

    /** Returns the address the client connected to from the header, or the real host as {@link #getPeer()}. */
    @Override
    public Address getHost() {
        ProxyHeader read = header;
        Address server = read == null ? null : read.serverAddress();
        return server != null ? server : super.getHost();
    }
}
