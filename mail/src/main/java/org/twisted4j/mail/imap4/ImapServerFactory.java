package org.twisted4j.mail.imap4;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * Makes {@link ImapServer}s and holds their settings: the portal users log in through (its realm returns an
 * {@link ImapAccount}), the clock for the idle timeout, and the limits.
 *
 * <p>Threading: configure before listening; then reactor thread only.
 */
public class ImapServerFactory extends Factory {

    /** Default idle timeout, seconds (RFC 3501 §5.4: at least 30 minutes). */
    public static final double DEFAULT_TIMEOUT = 30 * 60;

    private final ReactorTime clock;
    private final Portal portal;
    private double timeout = DEFAULT_TIMEOUT;
    private int maxLiteralSize = ImapCommandParser.DEFAULT_MAX_LITERAL_SIZE;

    /**
     * Makes a factory.
     *
     * @param clock the clock for timeouts
     * @param portal the portal logins go through
     */
    public ImapServerFactory(ReactorTime clock, Portal portal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        ImapServer server = new ImapServer(this);
        server.setFactory(this);
        return server;
    }

    /** Returns the clock. */
    public ReactorTime clock() {
        return clock;
    }

    /** Returns the portal. */
    public Portal portal() {
        return portal;
    }

    /** Returns the idle timeout in seconds; 0 for none. */
    public double timeout() {
        return timeout;
    }

    /** Sets the idle timeout in seconds; 0 for none. */
    public void setTimeout(double seconds) {
        this.timeout = seconds;
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
