package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.policies.IdleTimeout;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The server side of one FTP control connection (RFC 959, 2389, 2428, 3659, 4217), as Twisted's {@code FTP}
 * protocol: logs in through the factory's portal, then serves the {@link FtpShell} avatar.
 *
 * <p>Commands: USER PASS ACCT CWD CDUP PWD TYPE MODE STRU PASV EPSV PORT EPRT LIST NLST MLSD MLST RETR STOR STOU
 * APPE REST DELE RMD MKD RNFR RNTO SIZE MDTM MFMT FEAT OPTS SYST STAT NOOP HELP ABOR QUIT ALLO AUTH PBSZ PROT,
 * and the X-forms XCWD XCUP XPWD XMKD XRMD.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class FtpServer extends LineReceiver {

    private static final Logger log = new Logger("ftp");
    private static final List<String> BEFORE_LOGIN = List.of("USER", "PASS", "ACCT", "AUTH", "PBSZ", "PROT", "FEAT",
            "SYST", "NOOP", "HELP", "QUIT", "OPTS", "STAT");

    private final FtpServerFactory config;
    private final Commands commands = new Commands();
    private @Nullable String host;
    private boolean counted;
    private @Nullable IdleTimeout idle;
    private @Nullable String user;
    private @Nullable FtpShell shell;
    private @Nullable LoginResult login;
    private boolean waiting;
    private boolean closed;
    private int failedLogins;
    private List<String> cwd = List.of();
    private boolean binary;
    private long rest;
    private @Nullable List<String> renameFrom;
    private boolean epsvAll;
    private boolean tls;
    private @Nullable SSLSession controlSession;
    private boolean pbsz;
    private boolean protect;
    private @Nullable DataChannel data;
    private @Nullable Transfer transfer;

    /**
     * Makes a server protocol.
     *
     * @param config the factory's settings
     */
    public FtpServer(FtpServerFactory config) {
        this.config = Objects.requireNonNull(config, "config");
        setMaxLength(config.maxLineLength());
    }

    @Override
    public void connectionMade() {
        host = DataChannel.hostOf(transport().getPeer());
        if (transport() instanceof TCPTransport tcp) {
            // replies are small writes answered by the client's next command: no Nagle delay on them
            tcp.setTcpNoDelay(true);
        }
        if (config.implicitTls()) {
            tls = true;
            pbsz = true;
            protect = true;
            if (transport() instanceof TlsTransport secured) {
                secured.whenHandshakeDone().addCallback(info -> {
                    controlSession = secured.session();
                    return null;
                });
            }
        }
        if (host != null) {
            counted = true;
            if (!config.connected(host)) {
                reply(421, "Too many connections from your address.");
                close();
                return;
            }
        }
        if (config.idleTimeout() > 0) {
            idle = new IdleTimeout(config.clock(), () -> {
                if (transfer == null) {
                    reply(421, "Timeout.");
                    close();
                } else {
                    Objects.requireNonNull(idle).resetTimeout();
                }
            });
            idle.setTimeout(config.idleTimeout());
        }
        reply(220, config.welcome());
    }

    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        if (counted && host != null) {
            config.disconnected(host);
        }
        if (idle != null) {
            idle.cancel();
        }
        endTransfer();
        closeData();
        LoginResult current = login;
        login = null;
        if (current != null) {
            current.logout().run();
        }
    }

    void reply(int code, String text) {
        if (!closed) {
            transport().write(ByteBuffer.wrap(FtpReply.of(code, text).encode()));
        }
    }

    void reply(FtpReply reply) {
        if (!closed) {
            transport().write(ByteBuffer.wrap(reply.encode()));
        }
    }

    private void close() {
        closed = true;
        transport().loseConnection();
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        // the rest of the overlong line is dropped by the line receiver; the connection stays usable
        reply(500, "Command line too long.");
    }

    @Override
    protected void lineReceived(byte[] line) {
        if (closed) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        FtpCommand command;
        try {
            command = FtpCommand.parse(line, config.maxLineLength());
        } catch (FtpSyntaxException e) {
            reply(e.replyCode(), e.getMessage());
            return;
        }
        if (waiting) {
            reply(421, "Login in progress, try again.");
            return;
        }
        if (shell == null && !BEFORE_LOGIN.contains(command.verb())) {
            reply(530, "Please login with USER and PASS.");
            return;
        }
        if (!command.verb().equals("RNTO")) {
            // RNFR is good for the very next command only
            if (!command.verb().equals("RNFR")) {
                renameFrom = null;
            }
        }
        try {
            commands.dispatch(this, command.verb(), command.argument());
        } catch (FtpError e) {
            reply(e.replyCode(), e.getMessage());
        } catch (RuntimeException e) {
            log.failure("FTP command {command} failed", new Failure(e), "command", command.verb());
            reply(451, "Requested action aborted: local error in processing.");
        }
    }

    // ---- state used by Commands ---------------------------------------------------------------------------

    FtpServerFactory config() {
        return config;
    }

    FtpShell shell() {
        return Objects.requireNonNull(shell);
    }

    List<String> cwd() {
        return cwd;
    }

    void setCwd(List<String> segments) {
        cwd = List.copyOf(segments);
    }

    boolean binary() {
        return binary;
    }

    void setBinary(boolean binary) {
        this.binary = binary;
    }

    long takeRest() {
        long offset = rest;
        rest = 0;
        return offset;
    }

    void setRest(long offset) {
        rest = offset;
    }

    @Nullable List<String> renameFrom() {
        return renameFrom;
    }

    void setRenameFrom(@Nullable List<String> from) {
        renameFrom = from;
    }

    boolean epsvAll() {
        return epsvAll;
    }

    void setEpsvAll() {
        epsvAll = true;
    }

    boolean tls() {
        return tls;
    }

    boolean pbsz() {
        return pbsz;
    }

    void setPbsz() {
        pbsz = true;
    }

    boolean protect() {
        return protect;
    }

    void setProtect(boolean protect) {
        this.protect = protect;
    }

    @Nullable Transfer transfer() {
        return transfer;
    }

    /** Resolves a client path against the working directory; 550 if it climbs above the root. */
    List<String> path(String argument) throws FtpError {
        return Paths.resolve(cwd, argument);
    }

    // ---- login ---------------------------------------------------------------------------------------------

    void user(String name) throws FtpError {
        if (name.isEmpty()) {
            throw new FtpError(501, "Syntax error in parameters or arguments.");
        }
        if (config.requireTls() && !tls) {
            throw new FtpError(530, "Non-anonymous sessions must use encryption: use AUTH TLS first.");
        }
        if (shell != null) {
            throw new FtpError(503, "Already logged in.");
        }
        user = name;
        if (isAnonymous(name)) {
            reply(331, "Guest login ok, type your email address as password.");
        } else {
            reply(331, "Password required for " + name + ".");
        }
    }

    private boolean isAnonymous(String name) {
        return name.equalsIgnoreCase(config.anonymousUser()) || name.equalsIgnoreCase("ftp");
    }

    void pass(String password) throws FtpError {
        String name = user;
        if (shell != null) {
            throw new FtpError(503, "Already logged in.");
        }
        if (name == null) {
            throw new FtpError(503, "Login with USER first.");
        }
        user = null;
        Credentials credentials = isAnonymous(name) ? Anonymous.INSTANCE : UsernamePassword.of(name, password);
        waiting = true;
        config.portal().login(credentials, null, FtpShell.class).addCallbacks(result -> {
            waiting = false;
            if (closed) {
                result.logout().run();
                return null;
            }
            login = result;
            shell = result.avatar(FtpShell.class);
            cwd = List.of();
            reply(230, isAnonymous(name) ? "Anonymous login ok, access restrictions apply." : "User logged in, proceed.");
            return null;
        }, failure -> {
            failedLogins++;
            Runnable answer = () -> {
                waiting = false;
                if (closed) {
                    return;
                }
                if (failedLogins >= config.maxFailedLogins()) {
                    reply(421, "Too many failed logins.");
                    close();
                } else {
                    reply(530, "Login incorrect.");
                }
            };
            if (config.failedLoginDelay() > 0) {
                config.clock().callLater(config.failedLoginDelay(), answer);
            } else {
                answer.run();
            }
            return null;
        });
    }

    // ---- TLS -----------------------------------------------------------------------------------------------

    void auth(String mechanism) throws FtpError {
        TlsOptions options = config.tlsOptions();
        String m = mechanism.toUpperCase(Locale.ROOT);
        if (options == null || !(transport() instanceof TlsUpgradable upgradable)) {
            throw new FtpError(502, "TLS is not available.");
        }
        if (tls) {
            throw new FtpError(503, "TLS is already on.");
        }
        if (!m.equals("TLS") && !m.equals("SSL") && !m.equals("TLS-C")) {
            throw new FtpError(504, "AUTH mechanism not supported.");
        }
        if (bufferedBytes() > 0) {
            reply(503, "Command pipelined after AUTH.");
            close();
            return;
        }
        reply(234, "AUTH " + m + " successful.");
        tls = true;
        user = null;
        TlsTransport secured = upgradable.startTLS(options, false);
        secured.whenHandshakeDone().addCallbacks(info -> {
            controlSession = secured.session();
            return null;
        }, failure -> {
            log.info("TLS handshake on the control connection failed: {why}", "why", failure.getErrorMessage());
            return null;
        });
    }

    // ---- data connections ----------------------------------------------------------------------------------

    private DataConnection newDataConnection() {
        TlsOptions options = protect ? config.tlsOptions() : null;
        return new DataConnection(options, config.requireTlsSessionReuse() ? controlSession : null);
    }

    void closeData() {
        DataChannel channel = data;
        data = null;
        if (channel != null) {
            channel.close();
        }
    }

    /** Opens a passive port and returns it. */
    int passive() throws FtpError {
        closeData();
        String local = DataChannel.hostOf(transport().getHost());
        DataChannel.Holder holder = new DataChannel.Holder();
        var factory = DataChannel.passiveFactory(transport().getPeer(), config.allowForeignDataAddress(), holder,
                this::newDataConnection);
        int from = config.passiveFrom();
        int to = config.passiveTo();
        ListeningPort port = null;
        if (from == 0) {
            port = listenOnAnyPort(factory, local == null ? "" : local);
        } else {
            int span = to - from + 1;
            int start = ThreadLocalRandom.current().nextInt(span);
            for (int i = 0; i < span && port == null; i++) {
                try {
                    port = config.tcp().listenTCP(from + (start + i) % span, factory, 1, local == null ? "" : local);
                } catch (CannotListenError e) {
                    // taken: try the next one
                }
            }
        }
        if (port == null) {
            throw new FtpError(425, "No passive port available.");
        }
        data = DataChannel.passive(port, holder);
        return switch (port.getHost()) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            default -> throw new FtpError(425, "Passive port has no TCP address.");
        };
    }

    /** The range the server picks passive ports from when none is configured: Linux's default ephemeral one. */
    static final int ANY_PASSIVE_FROM = 32768;
    static final int ANY_PASSIVE_TO = 60999;
    /** How many random ports are tried before leaving the choice to the system. */
    static final int ANY_PASSIVE_TRIES = 16;

    /**
     * Listens on a random port of {@link #ANY_PASSIVE_FROM}..{@link #ANY_PASSIVE_TO}, another one if it is
     * taken, and on the port the system picks after {@link #ANY_PASSIVE_TRIES} tries.
     *
     * @implNote Not port 0 at first, as vsftpd: every data connection the server closes leaves its port in
     * TIME_WAIT for a minute, and the system's search for a free port for port 0 skips those ports one by one,
     * so after some thousands of transfers each PASV spent milliseconds in that search (a round of 1,000 small
     * files went from 0.6 s to 3.2 s). A given port is bound at once though TIME_WAIT connections hold it
     * (listening sockets have SO_REUSEADDR), and a new data connection comes from another client port.
     */
    private ListeningPort listenOnAnyPort(Factory factory, String iface) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < ANY_PASSIVE_TRIES; i++) {
            try {
                return config.tcp().listenTCP(random.nextInt(ANY_PASSIVE_FROM, ANY_PASSIVE_TO + 1), factory, 1, iface);
            } catch (CannotListenError e) {
                // in use: another one
            }
        }
        return config.tcp().listenTCP(0, factory, 1, iface);
    }

    /** Sets an active data address after checking it (same host, unprivileged port). */
    void active(String targetHost, int targetPort) throws FtpError {
        if (targetPort < 1024 || targetPort > 65535) {
            throw new FtpError(500, "Illegal PORT command: privileged port.");
        }
        String control = host;
        if (!config.allowForeignDataAddress() && (control == null || !DataChannel.sameHost(control, targetHost))) {
            throw new FtpError(500, "Illegal PORT command: not your address.");
        }
        closeData();
        data = DataChannel.active(targetHost, targetPort);
    }

    /**
     * Starts a transfer: checks there is a data channel, that TLS rules hold, then runs {@code start} once the
     * data connection is ready (after sending 150).
     */
    void transfer(String what, java.util.function.Consumer<Transfer> start) throws FtpError {
        DataChannel channel = data;
        if (channel == null) {
            throw new FtpError(425, "Use PORT or PASV first.");
        }
        if (transfer != null) {
            throw new FtpError(450, "A transfer is already in progress.");
        }
        if (config.requireTls() && !protect) {
            throw new FtpError(522, "Data connections must be encrypted: use PROT P.");
        }
        Transfer current = new Transfer(this, channel);
        transfer = current;
        Deferred<DataConnection> ready = channel.connection(config.tcp(), this::newDataConnection, config.dataTimeout());
        var timeout = config.dataTimeout() > 0 && !ready.isCalled()
                ? config.clock().callLater(config.dataTimeout(), () -> {
                    if (transfer == current && current.connection() == null) {
                        current.fail(425, "Can't open data connection: timed out.");
                    }
                })
                : null;
        ready.addCallbacks(connection -> {
            if (timeout != null && timeout.active()) {
                timeout.cancel();
            }
            if (transfer != current || current.isDone()) {
                connection.transport().abortConnection();
                return null;
            }
            current.attach(connection);
            reply(150, what);
            connection.secured().addCallbacks(secure -> {
                if (transfer == current && !current.isDone()) {
                    start.accept(current);
                }
                return null;
            }, failure -> {
                if (transfer == current && !current.isDone()) {
                    current.fail(failure.value() instanceof FtpError e ? e.replyCode() : 425,
                            failure.value() instanceof FtpError e ? e.getMessage() : "Can't open data connection.");
                }
                return null;
            });
            return null;
        }, failure -> {
            if (timeout != null && timeout.active()) {
                timeout.cancel();
            }
            if (transfer == current && !current.isDone()) {
                current.fail(425, failure.value() instanceof FtpError e ? e.getMessage() : "Can't open data connection.");
            }
            return null;
        });
    }

    /** Called by a transfer when it ends, whatever the outcome. */
    void transferEnded(Transfer ended) {
        if (transfer == ended) {
            transfer = null;
        }
        if (data != null && data == ended.channel()) {
            closeData();
        }
        if (idle != null) {
            idle.resetTimeout();
        }
    }

    private void endTransfer() {
        Transfer current = transfer;
        if (current != null) {
            current.abort();
        }
    }

    /** ABOR: 426 then 226 if a transfer was running, else 226. */
    void abor() {
        Transfer current = transfer;
        if (current == null || current.isDone()) {
            closeData();
            reply(226, "No transfer to abort.");
            return;
        }
        current.abort();
        reply(426, "Connection closed; transfer aborted.");
        reply(226, "ABOR command successful.");
    }

    Consumer asciiIfNeeded(Consumer consumer) {
        return binary ? consumer : Ascii.encoder(consumer);
    }

    void sendListing(Transfer t, List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        t.sendBytes(ByteBuffer.wrap(out.toString().getBytes(UTF_8)));
    }

    static Instant parseTime(String value) throws FtpError {
        try {
            String whole = value.contains(".") ? value.substring(0, value.indexOf('.')) : value;
            if (whole.length() != 14) {
                throw new FtpError(501, "Bad time: YYYYMMDDHHMMSS expected.");
            }
            return LocalDateTime.parse(whole, Listings.MDTM.withZone(ZoneOffset.UTC)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new FtpError(501, "Bad time: YYYYMMDDHHMMSS expected.");
        }
    }

    static String quote(List<String> path) {
        return "\"" + ("/" + String.join("/", path)).replace("\"", "\"\"") + "\"";
    }

    List<String> features() {
        List<String> out = new ArrayList<>(List.of("EPRT", "EPSV", "MDTM", "MFMT",
                "MLST type*;size*;modify*;perm*;UNIX.mode*;", "PASV", "REST STREAM", "SIZE", "TVFS", "UTF8"));
        if (config.tlsOptions() != null) {
            out.addAll(List.of("AUTH TLS", "PBSZ", "PROT"));
        }
        return out;
    }
}
