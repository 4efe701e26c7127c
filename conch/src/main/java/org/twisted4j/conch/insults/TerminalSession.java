package org.twisted4j.conch.insults;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Transport;

/**
 * An SSH session that runs a {@link ServerProtocol} as the user's shell (Twisted's {@code manhole_ssh}
 * {@code TerminalSession}): it grants a {@code pty-req} and passes its size and each {@code window-change} on,
 * refuses {@code exec}, and ends the channel with status 0 when the terminal protocol closes the connection.
 *
 * <pre>{@code
 * public Session openSession() {
 *     return new TerminalSession(() -> new ServerProtocol(MyApplication::new));
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TerminalSession implements Session {

    private final Supplier<ServerProtocol> factory;
    private @Nullable ServerProtocol server;
    private @Nullable PtyRequest pty;

    /** A session whose shell is the protocol {@code factory} builds. */
    public TerminalSession(Supplier<ServerProtocol> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public boolean requestPty(PtyRequest request) {
        pty = request;
        ServerProtocol current = server;
        if (current != null) {
            current.windowSizeChanged(request.columns(), request.rows());
        }
        return true;
    }

    @Override
    public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
        ServerProtocol current = server;
        if (current != null) {
            current.windowSizeChanged(columns, rows);
        }
    }

    @Override
    public boolean execCommand(SessionIO io, String command) {
        return false;
    }

    @Override
    public boolean openShell(SessionIO io) {
        if (server != null) {
            return false;
        }
        ServerProtocol protocol = factory.get();
        server = protocol;
        PtyRequest size = pty;
        if (size != null && size.columns() > 0 && size.rows() > 0) {
            protocol.terminalSize(size.columns(), size.rows());
        }
        protocol.makeConnection(new SessionTransport(io));
        return true;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        ServerProtocol current = server;
        if (current != null) {
            current.dataReceived(data);
        }
    }

    @Override
    public void eofReceived() {
        ServerProtocol current = server;
        if (current != null) {
            current.transport().loseConnection();
        }
    }

    @Override
    public void closed() {
        ServerProtocol current = server;
        server = null;
        if (current != null) {
            current.connectionLost(new Failure(new ConnectionDone()));
        }
    }

    /** The session channel as the terminal's transport. */
    private static final class SessionTransport implements Transport {
        private static final Address UNKNOWN = new IPv4Address(AddressType.TCP, "0.0.0.0", 0);
        private final SessionIO io;
        private boolean disconnecting;

        SessionTransport(SessionIO io) {
            this.io = io;
        }

        @Override
        public void write(ByteBuffer data) {
            if (disconnecting || !data.hasRemaining()) {
                return;
            }
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            io.write(copy);
        }

        @Override
        public void loseConnection() {
            if (!disconnecting) {
                disconnecting = true;
                io.exit(0);
            }
        }

        @Override
        public void abortConnection() {
            loseConnection();
        }

        @Override
        public boolean isDisconnecting() {
            return disconnecting;
        }

        @Override
        public Address getPeer() {
            return UNKNOWN;
        }

        @Override
        public Address getHost() {
            return UNKNOWN;
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
            loseConnection();
        }
    }
}
