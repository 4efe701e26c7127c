package org.twisted4j.conch.telnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Transport;
import org.twisted4j.logger.Logger;

/**
 * Carries an application {@link Protocol} over Telnet, as Twisted's {@code TelnetTransport}: the application sees
 * the data between Telnet's commands and writes through this transport, which doubles its {@code IAC} bytes.
 *
 * <p>Two kinds: {@link #plain} refuses every option (a line-at-a-time NVT with the client's own echo, as an
 * SMTP-like line protocol wants), and {@link #terminal} makes the client a character-at-a-time terminal, as
 * Twisted's {@code TelnetBootstrapProtocol} does for insults: it offers {@code WILL ECHO} and {@code WILL SGA},
 * asks {@code DO SGA}, {@code DO NAWS} and {@code DO TTYPE}, and passes the window size and terminal type on to
 * an application that is a {@link TelnetTerminalListener}. Either refuses {@code LINEMODE}, {@code EOR} and
 * every other option. {@code IAC IP} reaches the application as a Control-C byte, {@code IAC AYT} is answered.
 *
 * <pre>{@code
 * reactor.listenTCP(8023, Factory.forProtocol(() -> TelnetTransport.terminal(new MyTerminalProtocol())));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TelnetTransport extends Telnet implements Transport {

    private static final Logger log = new Logger("telnet");
    private static final Set<Integer> TERMINAL_LOCAL = Set.of(TelnetCodes.ECHO, TelnetCodes.SGA);
    private static final Set<Integer> TERMINAL_REMOTE = Set.of(TelnetCodes.SGA, TelnetCodes.NAWS, TelnetCodes.TTYPE);
    private static final byte[] CONTROL_C = {3};

    private final Protocol application;
    private final boolean terminal;
    private @Nullable String terminalType;
    private int columns;
    private int rows;

    private TelnetTransport(Protocol application, boolean terminal) {
        this.application = Objects.requireNonNull(application, "application");
        this.terminal = terminal;
    }

    /** A transport that refuses every option: the client edits lines and echoes them itself. */
    public static TelnetTransport plain(Protocol application) {
        return new TelnetTransport(application, false);
    }

    /** A transport that makes the client a character-at-a-time terminal and reports its size and type. */
    public static TelnetTransport terminal(Protocol application) {
        return new TelnetTransport(application, true);
    }

    /** The application this transport carries. */
    public Protocol application() {
        return application;
    }

    /** The terminal type the client named, or null before it did (or if it would not). */
    public @Nullable String terminalType() {
        return terminalType;
    }

    /** The client's window width from NAWS, or 0 before it said. */
    public int columns() {
        return columns;
    }

    /** The client's window height from NAWS, or 0 before it said. */
    public int rows() {
        return rows;
    }

    @Override
    public void connectionMade() {
        if (terminal) {
            will(TelnetCodes.ECHO).addErrback(f -> null);
            will(TelnetCodes.SGA).addErrback(f -> null);
            doOption(TelnetCodes.SGA).addErrback(f -> null);
            doOption(TelnetCodes.NAWS).addErrback(f -> null);
            doOption(TelnetCodes.TTYPE).addErrback(f -> null);
        }
        application.makeConnection(this);
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        application.connectionLost(reason);
    }

    @Override
    protected boolean allowLocal(int option) {
        return terminal && TERMINAL_LOCAL.contains(option);
    }

    @Override
    protected boolean allowRemote(int option) {
        return terminal && TERMINAL_REMOTE.contains(option);
    }

    @Override
    protected void remoteEnabled(int option) {
        if (option == TelnetCodes.TTYPE) {
            requestNegotiation(TelnetCodes.TTYPE, new byte[] {TelnetCodes.TTYPE_SEND});
        }
    }

    @Override
    protected void applicationDataReceived(ByteBuffer data) {
        application.dataReceived(data);
    }

    @Override
    protected void commandReceived(int command) {
        switch (command) {
            case TelnetCodes.IP -> application.dataReceived(ByteBuffer.wrap(CONTROL_C));
            case TelnetCodes.AYT -> transport().write("\r\n[Yes]\r\n".getBytes(StandardCharsets.US_ASCII));
            default -> {
                // NOP, GA, DM, BRK, AO, EC, EL: nothing to do for a character-at-a-time application.
            }
        }
    }

    @Override
    protected void subnegotiationReceived(int option, byte[] data) {
        switch (option) {
            case TelnetCodes.NAWS -> {
                if (data.length != 4 || !isRemoteEnabled(TelnetCodes.NAWS)) {
                    log.info("telnet: ignoring a NAWS subnegotiation of {length} bytes", "length", data.length);
                    return;
                }
                columns = (data[0] & 0xff) << 8 | (data[1] & 0xff);
                rows = (data[2] & 0xff) << 8 | (data[3] & 0xff);
                if (application instanceof TelnetTerminalListener listener) {
                    listener.windowSizeChanged(columns, rows);
                }
            }
            case TelnetCodes.TTYPE -> {
                if (data.length < 1 || data[0] != TelnetCodes.TTYPE_IS || !isRemoteEnabled(TelnetCodes.TTYPE)) {
                    return;
                }
                String type = new String(data, 1, data.length - 1, StandardCharsets.US_ASCII);
                terminalType = type;
                if (application instanceof TelnetTerminalListener listener) {
                    listener.terminalTypeReceived(type);
                }
            }
            default -> {
                // An option never enabled: nothing to negotiate.
            }
        }
    }

    @Override
    public void write(ByteBuffer data) {
        writeData(data);
    }

    @Override
    public void loseConnection() {
        transport().loseConnection();
    }

    @Override
    public void abortConnection() {
        transport().abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport().isDisconnecting();
    }

    @Override
    public Address getPeer() {
        return transport().getPeer();
    }

    @Override
    public Address getHost() {
        return transport().getHost();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        transport().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport().unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        transport().pauseProducing();
    }

    @Override
    public void resumeProducing() {
        transport().resumeProducing();
    }

    @Override
    public void stopProducing() {
        transport().stopProducing();
    }
}
