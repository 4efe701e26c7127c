package org.twisted4j.mail.imap4;

import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.mail.LoginServerFactory;

/**
 * Makes {@link ImapServer}s and holds their settings: the portal users log in through (its realm returns an
 * {@link ImapAccount}), the clock for the idle timeout, and the limits.
 *
 * <p>Threading: configure before listening; then reactor thread only.
 */
public class ImapServerFactory extends LoginServerFactory {

    /** Default idle timeout, seconds (RFC 3501 §5.4: at least 30 minutes). */
    public static final double DEFAULT_TIMEOUT = 30 * 60;

    private int maxLiteralSize = ImapCommandParser.DEFAULT_MAX_LITERAL_SIZE;
    private @Nullable TlsOptions tlsOptions;
    private boolean requireTls;

    /**
     * Makes a factory.
     *
     * @param clock the clock for timeouts
     * @param portal the portal logins go through
     */
    public ImapServerFactory(ReactorTime clock, Portal portal) {
        super(clock, portal, DEFAULT_TIMEOUT);
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        ImapServer server = new ImapServer(this);
        server.setFactory(this);
        return server;
    }

    /** Returns the TLS options for STARTTLS, or null when STARTTLS is not offered. */
    public @Nullable TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** Sets the TLS options for STARTTLS; null not to offer it. */
    public void setTlsOptions(@Nullable TlsOptions options) {
        this.tlsOptions = options;
    }

    /** Returns whether logging in needs TLS first (LOGINDISABLED before STARTTLS). */
    public boolean requireTls() {
        return requireTls;
    }

    /**
     * Sets whether logging in needs TLS first: before STARTTLS the server announces LOGINDISABLED and no AUTH=
     * mechanisms, and answers LOGIN and AUTHENTICATE with {@code NO [PRIVACYREQUIRED]}. Default false.
     */
    public void setRequireTls(boolean require) {
        this.requireTls = require;
    }

    /** Returns the largest literal accepted (APPEND's message). */
    public int maxLiteralSize() {
        return maxLiteralSize;
    }

    /** Sets the largest literal accepted. */
    public void setMaxLiteralSize(int octets) {
        this.maxLiteralSize = octets;
    }
}
