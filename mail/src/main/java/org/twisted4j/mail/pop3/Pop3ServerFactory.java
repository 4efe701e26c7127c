package org.twisted4j.mail.pop3;

import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.mail.LoginServerFactory;

/**
 * Makes {@link Pop3Server}s and holds their settings: the portal (whose realm gives a {@link Mailbox}), the clock
 * for the idle timeout, the TLS options for STLS, and the line limit.
 */
public class Pop3ServerFactory extends LoginServerFactory {

    /** Default idle timeout, seconds (RFC 1939 §3: at least 10 minutes). */
    public static final double DEFAULT_TIMEOUT = 600;
    /** Default longest command line, octets (RFC 2449 §4: 255 with the CRLF). */
    public static final int DEFAULT_MAX_LINE = 255;

    private int maxLine = DEFAULT_MAX_LINE;
    private @Nullable TlsOptions tlsOptions;

    /**
     * Makes the factory.
     *
     * @param clock the clock for timeouts
     * @param portal the portal logins go through
     */
    public Pop3ServerFactory(ReactorTime clock, Portal portal) {
        super(clock, portal, DEFAULT_TIMEOUT);
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        return new Pop3Server(this);
    }

    /** Returns the longest command line accepted, octets. */
    public int maxLine() {
        return maxLine;
    }

    /** Sets the longest command line accepted, octets. */
    public void setMaxLine(int octets) {
        this.maxLine = octets;
    }

    /** Returns the TLS options for STLS, or null when STLS is not offered. */
    public @Nullable TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** Sets the TLS options for STLS; null not to offer it. */
    public void setTlsOptions(@Nullable TlsOptions options) {
        this.tlsOptions = options;
    }
}
