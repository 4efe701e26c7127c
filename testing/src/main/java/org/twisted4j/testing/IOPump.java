package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;

/**
 * Connects a server protocol and a client protocol in memory and moves bytes between them when asked, as
 * Twisted's {@code iosim.connect} and {@code IOPump}: a whole conversation in a unit test, with no sockets,
 * threads or waiting.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * LineServer server = new LineServer();
 * AccumulatingProtocol client = new AccumulatingProtocol();
 * IOPump pump = IOPump.connectedLoopback(server, client);   // connects both and flushes the greeting
 *
 * client.transport().write("HELLO\r\n".getBytes(US_ASCII));
 * pump.flush();                                            // until neither side has anything to say
 * assertThat(client.dataAsString()).isEqualTo("hi there\r\n");
 * }</pre>
 *
 * <h2>One pump</h2>
 * {@link #pump()} does one step, the first of these that applies:
 * <ol>
 *   <li>An end that called {@code abortConnection} is closed: its protocol receives a
 *       {@link ConnectionAborted}, the other a {@link ConnectionLost}.</li>
 *   <li>Each end's pull producer is asked for more if its buffer is empty; then everything each end has
 *       written moves to the other, client's data first, in one {@code dataReceived} per direction (unless
 *       the receiving end paused reading).</li>
 *   <li>An end that called {@code loseConnection}, with nothing left to send and no producer, closes the
 *       connection: both protocols receive a {@link ConnectionDone}, the closing end's first.</li>
 *   <li>An end that called {@code loseWriteConnection}, with nothing left to send and no producer, sends
 *       end of stream. It is told {@code writeConnectionLost} if it is a {@link HalfCloseableProtocol}. The
 *       other end is told {@code readConnectionLost} if it is one too, and otherwise the connection closes
 *       as in step 3; once both ends have sent end of stream, it closes that way too.</li>
 * </ol>
 * Exceptions thrown by the protocols are not caught: they come out of {@code pump()} and {@code flush()}
 * into the test.
 *
 * <h2>Pitfalls</h2>
 * The buffer a protocol receives in {@code dataReceived} is wiped with zeros once the call returns, as a
 * reactor would reuse it; a protocol that keeps it sees zeros. Writing it back during the call is fine, as
 * on a real transport, which copies what of it must wait.
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class IOPump {

    /** The server end's address when none is given: 127.0.0.1, TCP port 8000. */
    public static final Address DEFAULT_SERVER_ADDRESS = new IPv4Address(AddressType.TCP, "127.0.0.1", 8000);

    /** The client end's address when none is given: 127.0.0.1, TCP port 49152. */
    public static final Address DEFAULT_CLIENT_ADDRESS = new IPv4Address(AddressType.TCP, "127.0.0.1", 49152);

    /** How many steps {@link #flush()} takes before deciding the protocols will never fall silent. */
    public static final int MAX_FLUSH_STEPS = 10_000;

    private final LoopbackTransport serverTransport;
    private final LoopbackTransport clientTransport;

    private IOPump(LoopbackTransport serverTransport, LoopbackTransport clientTransport) {
        this.serverTransport = serverTransport;
        this.clientTransport = clientTransport;
    }

    /**
     * Connects {@code server} and {@code client} with the default addresses and {@linkplain #flush()
     * flushes} once, so that greetings have been exchanged when it returns.
     *
     * @param server the accepting end's protocol; connected first
     * @param client the connecting end's protocol
     * @return the pump that moves bytes between them
     * @throws IllegalStateException if either protocol is connected already, or the greeting never ends
     */
    public static IOPump connectedLoopback(Protocol server, Protocol client) {
        return connectedLoopback(server, DEFAULT_SERVER_ADDRESS, client, DEFAULT_CLIENT_ADDRESS, true);
    }

    /**
     * Connects {@code server} and {@code client}: gives each its {@link LoopbackTransport}, calls
     * {@code makeConnection} on the server and then the client, and flushes once if {@code greet}.
     *
     * @param server the accepting end's protocol; connected first
     * @param serverAddress the server end's address: its {@code getHost()}, the client's {@code getPeer()}
     * @param client the connecting end's protocol
     * @param clientAddress the client end's address: its {@code getHost()}, the server's {@code getPeer()}
     * @param greet whether to {@link #flush()} before returning
     * @return the pump that moves bytes between them
     * @throws IllegalStateException if either protocol is connected already, or the greeting never ends
     */
    public static IOPump connectedLoopback(Protocol server, Address serverAddress, Protocol client,
            Address clientAddress, boolean greet) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(clientAddress, "clientAddress");
        LoopbackTransport serverEnd = new LoopbackTransport("server", server, serverAddress, clientAddress);
        LoopbackTransport clientEnd = new LoopbackTransport("client", client, clientAddress, serverAddress);
        server.makeConnection(serverEnd);
        client.makeConnection(clientEnd);
        IOPump pump = new IOPump(serverEnd, clientEnd);
        if (greet) {
            pump.flush();
        }
        return pump;
    }

    /** Returns the server end's transport. */
    public LoopbackTransport serverTransport() {
        return serverTransport;
    }

    /** Returns the client end's transport. */
    public LoopbackTransport clientTransport() {
        return clientTransport;
    }

    /** Returns the server end's protocol. */
    public Protocol server() {
        return serverTransport.protocol();
    }

    /** Returns the client end's protocol. */
    public Protocol client() {
        return clientTransport.protocol();
    }

    /**
     * Takes one step, as described above.
     *
     * @return whether anything happened: bytes moved or an end was told something
     */
    public boolean pump() {
        for (LoopbackTransport end : ends()) {
            if (end.abortPending()) {
                end.lost(new Failure(new ConnectionAborted()));
                other(end).lost(new Failure(new ConnectionLost("the other side aborted the connection")));
                return true;
            }
        }
        clientTransport.askPullProducer();
        serverTransport.askPullProducer();
        ByteBuffer toServer = serverTransport.canReceive() ? clientTransport.takeOutgoing() : null;
        ByteBuffer toClient = clientTransport.canReceive() ? serverTransport.takeOutgoing() : null;
        if (toServer != null) {
            deliver(serverTransport, toServer);
        }
        if (toClient != null) {
            deliver(clientTransport, toClient);
        }
        if (toServer != null || toClient != null) {
            return true;
        }
        for (LoopbackTransport end : ends()) {
            if (end.readyToClose()) {
                closeCleanly(end);
                return true;
            }
        }
        for (LoopbackTransport end : ends()) {
            if (end.readyToShutDownWrite()) {
                shutDownWrite(end);
                return true;
            }
        }
        return false;
    }

    /**
     * Pumps until nothing more happens.
     *
     * @return whether anything happened at all
     * @throws IllegalStateException if things still happen after {@link #MAX_FLUSH_STEPS} steps: the
     *     protocols never fall silent, so step through with {@link #pump()} instead
     */
    public boolean flush() {
        boolean any = false;
        for (int step = 0; step < MAX_FLUSH_STEPS; step++) {
            if (!pump()) {
                return any;
            }
            any = true;
        }
        throw new IllegalStateException("the protocols are still talking after " + MAX_FLUSH_STEPS
                + " steps; use pump() to step through a conversation that never ends");
    }

    private LoopbackTransport[] ends() {
        return new LoopbackTransport[] {serverTransport, clientTransport};
    }

    private LoopbackTransport other(LoopbackTransport end) {
        return end == serverTransport ? clientTransport : serverTransport;
    }

    private static void deliver(LoopbackTransport to, ByteBuffer data) {
        if (!to.canReceive()) {
            return;
        }
        byte[] backing = data.array();
        try {
            to.receive(data);
        } finally {
            Arrays.fill(backing, (byte) 0);
        }
    }

    private void closeCleanly(LoopbackTransport closing) {
        closing.lost(new Failure(new ConnectionDone()));
        other(closing).lost(new Failure(new ConnectionDone()));
    }

    private void shutDownWrite(LoopbackTransport end) {
        end.markWriteShutDown();
        if (end.receiver() instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        }
        LoopbackTransport peer = other(end);
        if (end.isDisconnected() || peer.isDisconnected()) {
            return;
        }
        if (peer.receiver() instanceof HalfCloseableProtocol halfCloseable && !peer.isWriteShutDown()) {
            peer.markReadClosed();
            halfCloseable.readConnectionLost();
        } else {
            closeCleanly(end);
        }
    }
}
