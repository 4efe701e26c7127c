package org.twisted4j.ftp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * Makes {@link FtpServer}s, and holds what they share: the portal whose realm gives {@link FtpShell} avatars,
 * TLS, the passive port range, and the limits. As Twisted's {@code FTPFactory}.
 *
 * <pre>{@code
 * Portal portal = new Portal(new FtpRealm(Path.of("/srv/ftp")), new AllowAnonymousAccess());
 * FtpServerFactory factory = new FtpServerFactory(reactor, reactor, portal);
 * factory.setPassivePorts(50000, 50100);
 * reactor.listenTCP(2121, factory);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Configure before listening; afterwards reactor thread only.
 */
public class FtpServerFactory extends Factory {

    /** The default idle timeout of a control connection, in seconds (Twisted's is 600). */
    public static final double DEFAULT_IDLE_TIMEOUT = 600;
    /** The default time a data connection may take to open, or stall, in seconds. */
    public static final double DEFAULT_DATA_TIMEOUT = 120;
    /** The default most control connections at once from one address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;
    /** The default failed logins after which the connection is closed. */
    public static final int DEFAULT_MAX_FAILED_LOGINS = 3;
    /** The default delay before a failed login is answered, in seconds. */
    public static final double DEFAULT_FAILED_LOGIN_DELAY = 1;

    private final ReactorTCP tcp;
    private final ReactorTime clock;
    private final Portal portal;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private @Nullable TlsOptions tlsOptions;
    private boolean requireTls;
    private boolean implicitTls;
    private boolean requireTlsSessionReuse = true;
    private boolean allowForeignDataAddress;
    private int passiveFrom;
    private int passiveTo;
    private double idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private double dataTimeout = DEFAULT_DATA_TIMEOUT;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int maxFailedLogins = DEFAULT_MAX_FAILED_LOGINS;
    private double failedLoginDelay = DEFAULT_FAILED_LOGIN_DELAY;
    private int maxLineLength = FtpCommand.DEFAULT_MAX_LINE_LENGTH;
    private String welcome = "twisted4j FTP server ready.";
    private String anonymousUser = "anonymous";

    /**
     * Makes a factory.
     *
     * @param tcp opens passive ports and active data connections
     * @param clock runs the timeouts and login delays
     * @param portal logs users in; its realm must give {@link FtpShell} avatars
     */
    public FtpServerFactory(ReactorTCP tcp, ReactorTime clock, Portal portal) {
        this.tcp = Objects.requireNonNull(tcp, "tcp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        FtpServer server = new FtpServer(this);
        server.setFactory(this);
        return server;
    }

    ReactorTCP tcp() {
        return tcp;
    }

    /** The clock of the timeouts. */
    public ReactorTime clock() {
        return clock;
    }

    /** The portal. */
    public Portal portal() {
        return portal;
    }

    /** The TLS options for AUTH TLS and protected data connections, or null if TLS is not offered. */
    public @Nullable TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** Offers FTPS (AUTH TLS, PBSZ, PROT) with these server options; null to offer none. */
    public void setTlsOptions(@Nullable TlsOptions options) {
        this.tlsOptions = options;
    }

    /** Whether logins and data connections require TLS. */
    public boolean requireTls() {
        return requireTls;
    }

    /** Requires TLS: USER before AUTH TLS is refused with 530, transfers without PROT P with 522. */
    public void setRequireTls(boolean require) {
        this.requireTls = require;
    }

    /** Whether control connections arrive already under TLS (implicit FTPS, an {@code ssl:} endpoint). */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** Says the listening endpoint is {@code ssl:}: connections are TLS from the start, data protected too. */
    public void setImplicitTls(boolean implicit) {
        this.implicitTls = implicit;
    }

    /** Whether a protected data connection must resume the control connection's TLS session. */
    public boolean requireTlsSessionReuse() {
        return requireTlsSessionReuse;
    }

    /**
     * Requires (the default) that a protected data connection resumes the TLS session of its control
     * connection, as vsftpd's {@code require_ssl_reuse}: proof that the same client opened both.
     */
    public void setRequireTlsSessionReuse(boolean require) {
        this.requireTlsSessionReuse = require;
    }

    /** Whether data connections may go to or come from another host than the control connection's (FXP). */
    public boolean allowForeignDataAddress() {
        return allowForeignDataAddress;
    }

    /** Allows data connections with other hosts (FXP); off by default, which stops bounce attacks. */
    public void setAllowForeignDataAddress(boolean allow) {
        this.allowForeignDataAddress = allow;
    }

    /** The first passive port, 0 for any free port. */
    public int passiveFrom() {
        return passiveFrom;
    }

    /** The last passive port, 0 for any free port. */
    public int passiveTo() {
        return passiveTo;
    }

    /**
     * Takes passive ports from this range only (both ends included); {@code 0, 0} for any free port.
     *
     * @throws IllegalArgumentException if the range is empty or not within 1024..65535
     */
    public void setPassivePorts(int from, int to) {
        if (!(from == 0 && to == 0) && (from < 1024 || to > 65535 || from > to)) {
            throw new IllegalArgumentException("passive ports must be a range within 1024-65535: " + from + "-" + to);
        }
        this.passiveFrom = from;
        this.passiveTo = to;
    }

    /** The idle timeout of control connections, in seconds; 0 for none. */
    public double idleTimeout() {
        return idleTimeout;
    }

    /** Sets the idle timeout of control connections, in seconds; 0 for none. */
    public void setIdleTimeout(double seconds) {
        this.idleTimeout = seconds;
    }

    /** How long a data connection may take to open or stay without progress, in seconds; 0 for no limit. */
    public double dataTimeout() {
        return dataTimeout;
    }

    /** Sets the data timeout in seconds; 0 for no limit. */
    public void setDataTimeout(double seconds) {
        this.dataTimeout = seconds;
    }

    /** The most control connections at once from one address. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Sets the most control connections at once from one address (421 beyond it). */
    public void setMaxConnectionsPerAddress(int max) {
        this.maxConnectionsPerAddress = max;
    }

    /** The failed logins after which a connection is closed. */
    public int maxFailedLogins() {
        return maxFailedLogins;
    }

    /** Sets the failed logins after which a connection is closed (421). */
    public void setMaxFailedLogins(int max) {
        this.maxFailedLogins = max;
    }

    /** The delay before a failed login is answered, in seconds. */
    public double failedLoginDelay() {
        return failedLoginDelay;
    }

    /** Sets the delay before a failed login is answered, in seconds (slows password guessing). */
    public void setFailedLoginDelay(double seconds) {
        this.failedLoginDelay = seconds;
    }

    /** The longest command line accepted. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Sets the longest command line accepted; longer ones get 500 and are discarded. */
    public void setMaxLineLength(int max) {
        this.maxLineLength = max;
    }

    /** The text of the 220 greeting. */
    public String welcome() {
        return welcome;
    }

    /** Sets the text of the 220 greeting. */
    public void setWelcome(String welcome) {
        this.welcome = Objects.requireNonNull(welcome);
    }

    /** The user name that logs in anonymously (besides {@code ftp}), as Twisted's {@code userAnonymous}. */
    public String anonymousUser() {
        return anonymousUser;
    }

    /** Sets the user name that logs in anonymously (default {@code anonymous}; {@code ftp} always does). */
    public void setAnonymousUser(String name) {
        this.anonymousUser = Objects.requireNonNull(name);
    }

    /** Counts a connection from {@code host}; false if it is one too many. */
    boolean connected(String host) {
        int now = perAddress.merge(host, 1, Integer::sum);
        return now <= maxConnectionsPerAddress;
    }

    /** Uncounts a connection from {@code host}. */
    void disconnected(String host) {
        perAddress.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }
}
