package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.protocols.tls.TlsAware;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The protocol a new client connection starts with: it picks HTTP/2 or HTTP/1.1 and hands the connection to
 * it. Over TLS with ALPN offered, it waits for the handshake and takes HTTP/2 if the server chose {@code h2};
 * with prior knowledge it takes HTTP/2 at once (h2c); else HTTP/1.1. The chosen protocol then gets every byte
 * and the end of the connection.
 *
 * <p>Threading: reactor thread only.
 */
final class NegotiatingProtocol extends Protocol implements TlsAware {

    /** Which protocols a connection may speak. */
    enum Mode {
        /** HTTP/1.1 only. */
        HTTP1,
        /** HTTP/2 if TLS's ALPN chooses {@code h2}, else HTTP/1.1. */
        NEGOTIATE,
        /** HTTP/2 from the first byte, without asking (h2c with prior knowledge, or h2 over TLS without ALPN). */
        PRIOR_KNOWLEDGE
    }

    /** A protocol picked for the connection, and the connection as the pool uses it. */
    record Chosen(Protocol protocol, PooledConnection connection) {
    }

    private final Mode mode;
    private final Supplier<Chosen> http1;
    private final Supplier<Chosen> http2;
    private final Deferred<PooledConnection> ready = new Deferred<>(this::cancel);
    private @Nullable Protocol chosen;
    private boolean connected;

    NegotiatingProtocol(Mode mode, Supplier<Chosen> http1, Supplier<Chosen> http2) {
        this.mode = mode;
        this.http1 = http1;
        this.http2 = http2;
    }

    /**
     * Returns what fires with the connection once its protocol is chosen, or fails with a
     * {@link ResponseNeverReceived} if the connection ends first (a refused TLS handshake, say).
     */
    Deferred<PooledConnection> ready() {
        return ready;
    }

    @Override
    public void connectionMade() {
        connected = true;
        if (mode == Mode.PRIOR_KNOWLEDGE) {
            choose(http2.get());
        } else if (mode == Mode.HTTP1 || !(transport() instanceof TlsTransport)) {
            choose(http1.get());
        }
    }

    @Override
    public void handshakeCompleted(TlsHandshakeInfo info) {
        if (chosen == null) {
            choose("h2".equals(info.applicationProtocol()) ? http2.get() : http1.get());
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        Protocol p = chosen;
        if (p != null) {
            p.dataReceived(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        Protocol p = chosen;
        if (p != null) {
            p.connectionLost(reason);
        } else if (!ready.isCalled()) {
            ready.errback(new ResponseNeverReceived("the connection was closed before any response arrived",
                    reason.value()));
        }
    }

    private void choose(Chosen picked) {
        chosen = picked.protocol();
        picked.protocol().makeConnection(transport());
        if (!ready.isCalled()) {
            ready.callback(picked.connection());
        } else {
            picked.connection().close(); // cancelled meanwhile
        }
    }

    private void cancel(Deferred<PooledConnection> d) {
        if (connected) {
            transport().abortConnection();
        }
        if (!d.isCalled()) {
            d.errback(new CancelledError("the connection was cancelled before its protocol was chosen"));
        }
    }

    @Override
    public String toString() {
        return "NegotiatingProtocol[" + mode + (chosen != null ? ", " + chosen : "") + "]";
    }
}
