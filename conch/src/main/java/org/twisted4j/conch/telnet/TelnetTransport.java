package org.twisted4j.conch.telnet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ForwardingTransport;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
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
 * <h2>The client side</h2>
 * Telnet is symmetric, and so is this transport: {@link #plain} works from either end, and {@link #client} is the
 * other end of {@link #terminal}, a terminal that connects to a server. It offers {@code WILL NAWS} and sends its
 * window size once the server agrees (and again on {@link #windowSizeChanged}), offers {@code WILL TTYPE} and
 * answers the server's {@code SEND} with its terminal type, asks {@code DO SGA} and {@code DO ECHO} (the server
 * echoes, and data goes a character at a time), agrees to {@code WILL SGA} from the server, and refuses every
 * other option. {@link #connect} runs one over a client endpoint:
 *
 * <pre>{@code
 * TelnetTransport.connect(clientFromString(reactor, "tcp:host=localhost:port=8023"),
 *         TelnetTransport.client(new ClientProtocol(myDisplay), "XTERM", 80, 24));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TelnetTransport extends Telnet implements ForwardingTransport {

    private static final Logger log = new Logger("telnet");
    private static final Set<Integer> TERMINAL_LOCAL = Set.of(TelnetCodes.ECHO, TelnetCodes.SGA);
    private static final Set<Integer> TERMINAL_REMOTE = Set.of(TelnetCodes.SGA, TelnetCodes.NAWS, TelnetCodes.TTYPE);
    private static final Set<Integer> CLIENT_LOCAL = Set.of(TelnetCodes.NAWS, TelnetCodes.TTYPE, TelnetCodes.SGA);
    private static final Set<Integer> CLIENT_REMOTE = Set.of(TelnetCodes.ECHO, TelnetCodes.SGA);
    /** The longest terminal type sent, in bytes (RFC 1091 allows 40 characters). */
    public static final int MAX_TERMINAL_TYPE = 40;

    /** Which end of which kind of connection this transport is. */
    private enum Kind { PLAIN, TERMINAL, CLIENT }
    private static final byte[] CONTROL_C = {3};

    private final Protocol application;
    private final Kind kind;
    private final boolean terminal;
    private @Nullable String terminalType;
    private int columns;
    private int rows;

    private TelnetTransport(Protocol application, Kind kind) {
        this.application = Objects.requireNonNull(application, "application");
        this.kind = kind;
        this.terminal = kind == Kind.TERMINAL;
    }

    /** A transport that refuses every option: the client edits lines and echoes them itself. */
    public static TelnetTransport plain(Protocol application) {
        return new TelnetTransport(application, Kind.PLAIN);
    }

    /** A transport that makes the client a character-at-a-time terminal and reports its size and type. */
    public static TelnetTransport terminal(Protocol application) {
        return new TelnetTransport(application, Kind.TERMINAL);
    }

    /**
     * The client's end of a terminal connection: it tells the server its window size and terminal type and asks
     * the server to echo and to suppress go-ahead (see the class comment).
     *
     * @param terminalType the type answered to the server's {@code SEND}, such as {@code XTERM}: printable ASCII,
     *     at most {@link #MAX_TERMINAL_TYPE} characters
     * @param columns the window's width, 1 to 65535
     * @param rows the window's height, 1 to 65535
     * @throws IllegalArgumentException if the type or a size is out of those bounds
     */
    public static TelnetTransport client(Protocol application, String terminalType, int columns, int rows) {
        if (terminalType.isEmpty() || terminalType.length() > MAX_TERMINAL_TYPE
                || !terminalType.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("not a terminal type: " + terminalType);
        }
        checkSize(columns, rows);
        TelnetTransport transport = new TelnetTransport(application, Kind.CLIENT);
        transport.terminalType = terminalType;
        transport.columns = columns;
        transport.rows = rows;
        return transport;
    }

    /**
     * Connects {@code telnet} (usually a {@link #client}) through an endpoint; fires with it once connected, or
     * fails as the endpoint does.
     */
    public static Deferred<TelnetTransport> connect(StreamClientEndpoint endpoint, TelnetTransport telnet) {
        return Endpoints.connectProtocol(endpoint, telnet);
    }

    /**
     * Tells the server a new window size, at once if NAWS is on, else once the server agrees to it. Client side
     * only.
     *
     * @throws IllegalStateException if this is not a {@link #client}
     * @throws IllegalArgumentException if a size is not 1 to 65535
     */
    public void windowSizeChanged(int columns, int rows) {
        if (kind != Kind.CLIENT) {
            throw new IllegalStateException("only a client sends its window size");
        }
        checkSize(columns, rows);
        this.columns = columns;
        this.rows = rows;
        if (isLocalEnabled(TelnetCodes.NAWS)) {
            sendWindowSize();
        }
    }

    private static void checkSize(int columns, int rows) {
        if (columns < 1 || columns > 0xffff || rows < 1 || rows > 0xffff) {
            throw new IllegalArgumentException("not a window size: " + columns + "x" + rows);
        }
    }

    private void sendWindowSize() {
        requestNegotiation(TelnetCodes.NAWS,
                new byte[] {(byte) (columns >> 8), (byte) columns, (byte) (rows >> 8), (byte) rows});
    }

    /** The application this transport carries. */
    public Protocol application() {
        return application;
    }

    /** The terminal type the client named, or null before it did (or if it would not); a client's own type. */
    public @Nullable String terminalType() {
        return terminalType;
    }

    /** The client's window width from NAWS, or 0 before it said; a client's own width. */
    public int columns() {
        return columns;
    }

    /** The client's window height from NAWS, or 0 before it said; a client's own height. */
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
        } else if (kind == Kind.CLIENT) {
            will(TelnetCodes.NAWS).addErrback(f -> null);
            will(TelnetCodes.TTYPE).addErrback(f -> null);
            doOption(TelnetCodes.SGA).addErrback(f -> null);
            doOption(TelnetCodes.ECHO).addErrback(f -> null);
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
        return switch (kind) {
            case PLAIN -> false;
            case TERMINAL -> TERMINAL_LOCAL.contains(option);
            case CLIENT -> CLIENT_LOCAL.contains(option);
        };
    }

    @Override
    protected boolean allowRemote(int option) {
        return switch (kind) {
            case PLAIN -> false;
            case TERMINAL -> TERMINAL_REMOTE.contains(option);
            case CLIENT -> CLIENT_REMOTE.contains(option);
        };
    }

    @Override
    protected void localEnabled(int option) {
        if (kind == Kind.CLIENT && option == TelnetCodes.NAWS) {
            sendWindowSize();
        }
    }

    @Override
    protected void remoteEnabled(int option) {
        if (terminal && option == TelnetCodes.TTYPE) {
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
        if (kind == Kind.CLIENT) {
            clientSubnegotiation(option, data);
            return;
        }
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

    /** The server's subnegotiations: only {@code TTYPE SEND} asks for an answer. */
    private void clientSubnegotiation(int option, byte[] data) {
        String type = terminalType;
        if (option == TelnetCodes.TTYPE && data.length == 1 && data[0] == TelnetCodes.TTYPE_SEND
                && isLocalEnabled(TelnetCodes.TTYPE) && type != null) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            byte[] answer = new byte[name.length + 1];
            answer[0] = TelnetCodes.TTYPE_IS;
            System.arraycopy(name, 0, answer, 1, name.length);
            requestNegotiation(TelnetCodes.TTYPE, answer);
        }
    }

    @Override
    public void write(ByteBuffer data) {
        writeData(data);
    }
}
