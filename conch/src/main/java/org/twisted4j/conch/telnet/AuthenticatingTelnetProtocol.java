package org.twisted4j.conch.telnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;

/**
 * A Telnet login through cred, as Twisted's {@code AuthenticatingTelnetProtocol}: it asks for a user name and a
 * password (not echoed), logs in to a {@link Portal} with {@link UsernamePassword} for the avatar interface
 * {@link Protocol}, and then hands the connection to the avatar, a protocol that the realm built for the user.
 * After {@link #DEFAULT_MAX_FAILURES} failed logins the connection is closed.
 *
 * <pre>{@code
 * Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(
 *         new LoginResult(Protocol.class, new MyShell(id), LoginResult.NO_LOGOUT)), checker);
 * reactor.listenTCP(8023, Factory.forProtocol(
 *         () -> TelnetTransport.terminal(new AuthenticatingTelnetProtocol(portal))));
 * }</pre>
 *
 * <p>It runs inside a {@link TelnetTransport}: in a {@link TelnetTransport#terminal terminal} one it echoes the
 * user name itself, in a {@link TelnetTransport#plain plain} one it turns {@code ECHO} on at this end for the
 * password (so the client stops echoing) and off after it. The window size and terminal type it hears are
 * passed on to an avatar that is a {@link TelnetTerminalListener}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class AuthenticatingTelnetProtocol extends Protocol implements TelnetTerminalListener {

    /** Failed logins before the connection is closed. */
    public static final int DEFAULT_MAX_FAILURES = 3;
    /** The longest user name or password taken, in bytes. */
    public static final int MAX_LINE = 256;

    private static final Logger log = new Logger("telnet");
    private static final byte[] ERASE = "\b \b".getBytes(StandardCharsets.US_ASCII);

    private enum State { USER, PASSWORD, LOGGING_IN, DONE }

    private final Portal portal;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.USER;
    private String username = "";
    private int failures;
    private boolean echoForPassword;
    private int columns;
    private int rows;
    private @Nullable String terminalType;
    private @Nullable Protocol avatar;
    private Runnable logout = LoginResult.NO_LOGOUT;

    /** A login that checks credentials with {@code portal}. */
    public AuthenticatingTelnetProtocol(Portal portal) {
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public void connectionMade() {
        if (!(transport() instanceof TelnetTransport)) {
            throw new IllegalStateException("AuthenticatingTelnetProtocol runs inside a TelnetTransport");
        }
        write("Username: ");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        Protocol current = avatar;
        if (current != null) {
            current.dataReceived(data);
            return;
        }
        while (data.hasRemaining() && (state == State.USER || state == State.PASSWORD)) {
            int b = data.get() & 0xff;
            if (b == '\r' || b == '\n') {
                lineReceived(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b == 0x7f || b == '\b') {
                if (line.size() > 0) {
                    byte[] kept = line.toByteArray();
                    line.reset();
                    line.write(kept, 0, kept.length - 1);
                    if (echoes()) {
                        transport().write(ERASE);
                    }
                }
            } else if (b == 3 || b == 4) {
                transport().loseConnection();
                return;
            } else if (b >= 0x20 && line.size() < MAX_LINE) {
                line.write(b);
                if (echoes()) {
                    transport().write(new byte[] {(byte) b});
                }
            }
        }
        Protocol loggedIn = avatar;
        if (loggedIn != null && data.hasRemaining()) {
            loggedIn.dataReceived(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = State.DONE;
        Protocol current = avatar;
        if (current != null) {
            current.connectionLost(reason);
            logout.run();
        }
    }

    @Override
    public void windowSizeChanged(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        if (avatar instanceof TelnetTerminalListener listener) {
            listener.windowSizeChanged(columns, rows);
        }
    }

    @Override
    public void terminalTypeReceived(String type) {
        terminalType = type;
        if (avatar instanceof TelnetTerminalListener listener) {
            listener.terminalTypeReceived(type);
        }
    }

    /** Whether this end echoes what the user types: only the user name, only when the client does not. */
    private boolean echoes() {
        return state == State.USER && telnet().isLocalEnabled(TelnetCodes.ECHO);
    }

    private void lineReceived(String text) {
        if (state == State.USER) {
            if (telnet().isLocalEnabled(TelnetCodes.ECHO)) {
                write("\r\n");
            }
            username = text;
            state = State.PASSWORD;
            if (!telnet().isLocalEnabled(TelnetCodes.ECHO)) {
                echoForPassword = true;
                telnet().will(TelnetCodes.ECHO).addErrback(f -> null);
            }
            write("Password: ");
            return;
        }
        state = State.LOGGING_IN;
        write("\r\n");
        if (echoForPassword) {
            echoForPassword = false;
            telnet().wont(TelnetCodes.ECHO).addErrback(f -> null);
        }
        portal.login(UsernamePassword.of(username, text), null, Protocol.class)
                .addCallbacks(result -> {
                    loggedIn(result);
                    return null;
                }, failure -> {
                    refused(failure);
                    return null;
                });
    }

    private void loggedIn(LoginResult result) {
        if (state == State.DONE) {
            result.logout().run();
            return;
        }
        log.info("telnet: {user} logged in from {peer}", "user", username, "peer", transport().getPeer());
        Protocol protocol = result.avatar(Protocol.class);
        state = State.DONE;
        logout = result.logout();
        avatar = protocol;
        protocol.makeConnection(transport());
        if (protocol instanceof TelnetTerminalListener listener) {
            String type = terminalType;
            if (type != null) {
                listener.terminalTypeReceived(type);
            }
            if (columns > 0 && rows > 0) {
                listener.windowSizeChanged(columns, rows);
            }
        }
    }

    private void refused(Failure failure) {
        if (state == State.DONE) {
            return;
        }
        failures++;
        log.info("telnet: login of {user} from {peer} refused: {error}", "user", username,
                "peer", transport().getPeer(), "error", failure.getErrorMessage());
        write("\r\nAuthentication failed\r\n");
        if (failures >= DEFAULT_MAX_FAILURES) {
            state = State.DONE;
            transport().loseConnection();
            return;
        }
        state = State.USER;
        write("Username: ");
    }

    private TelnetTransport telnet() {
        return (TelnetTransport) transport();
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
