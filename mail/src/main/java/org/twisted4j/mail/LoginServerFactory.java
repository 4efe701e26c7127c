package org.twisted4j.mail;

import java.util.Objects;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ReactorTime;

/**
 * The settings every mail-reading server's factory has (POP3's and IMAP4's): the portal users log in through, the
 * clock for the idle timeout, and that timeout.
 *
 * <p>Threading: configure before listening; then reactor thread only.
 */
public abstract class LoginServerFactory extends Factory {

    private final ReactorTime clock;
    private final Portal portal;
    private double timeout;

    /**
     * Makes the factory.
     *
     * @param clock the clock for timeouts
     * @param portal the portal logins go through
     * @param timeout the idle timeout in seconds; 0 for none
     */
    protected LoginServerFactory(ReactorTime clock, Portal portal, double timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.portal = Objects.requireNonNull(portal, "portal");
        this.timeout = timeout;
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
}
