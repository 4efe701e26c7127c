package org.twisted4j.mail.smtp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * Makes an {@link SmtpServer} per connection, and holds what they share: the server's name, where mail goes (a
 * {@link MessageDelivery}, or a {@link Portal} whose avatars are deliveries), the TLS options STARTTLS uses, and
 * the limits; as Twisted's {@code SMTPFactory} and {@code ESMTPFactory}.
 *
 * <pre>{@code
 * SmtpServerFactory factory = new SmtpServerFactory(reactor, "mx.example.com");
 * factory.setDelivery(new MaildirDomains(...));
 * factory.setTlsOptions(CertificateOptions.builder().certificate(keyAndChain).build());
 * Endpoints.serverFromString(reactor, "tcp:25").listen(factory);
 * }</pre>
 *
 * <h2>Limits (defaults)</h2>
 * message size {@value #DEFAULT_MAX_MESSAGE_SIZE} octets (offered as SIZE, refused at MAIL when declared
 * larger, enforced while the data comes: 552 5.3.4), {@value #DEFAULT_MAX_RECIPIENTS} recipients a message
 * (then 452 4.5.3), lines of {@value #MAX_LINE_LENGTH} octets with CRLF (longer: 500 5.5.2), an idle timeout of
 * {@value #DEFAULT_TIMEOUT} seconds (then 421 4.4.2 and the connection is closed).
 *
 * <p>Threading: configure before listening; read on the reactor thread.
 */
public class SmtpServerFactory extends Factory {

    /** The default largest message, 10 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 10L * 1024 * 1024;
    /** The default most recipients of a message (RFC 5321 §4.5.3.1.8 asks at least 100). */
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    /** The default idle timeout in seconds, Twisted's. */
    public static final double DEFAULT_TIMEOUT = 600;
    /** The longest line, CRLF included (RFC 5321 §4.5.3.1.6). */
    public static final int MAX_LINE_LENGTH = 1000;

    private final ReactorTime clock;
    private final String hostName;
    private @Nullable MessageDelivery delivery;
    private @Nullable Portal portal;
    private @Nullable TlsOptions tlsOptions;
    private boolean plainAuthWithoutTls;
    private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
    private double timeout = DEFAULT_TIMEOUT;

    /**
     * Makes a factory.
     *
     * @param clock the reactor's clock, for the idle timeout
     * @param hostName the name the server greets with and writes in {@code Received:} headers
     */
    public SmtpServerFactory(ReactorTime clock, String hostName) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hostName = Objects.requireNonNull(hostName, "hostName");
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        SmtpServer server = new SmtpServer(this);
        server.setFactory(this);
        return server;
    }

    /** Returns the clock. */
    public ReactorTime clock() {
        return clock;
    }

    /** Returns the server's name. */
    public String hostName() {
        return hostName;
    }

    /** Returns the delivery used without logging in, or null. */
    public @Nullable MessageDelivery delivery() {
        return delivery;
    }

    /**
     * Sets the delivery used for clients that do not log in; with a portal too, it wins over the anonymous login.
     *
     * @param delivery the delivery, or null to use the portal's anonymous avatar (or refuse mail with 530)
     */
    public void setDelivery(@Nullable MessageDelivery delivery) {
        this.delivery = delivery;
    }

    /** Returns the portal AUTH logs in through, or null when AUTH is not offered. */
    public @Nullable Portal portal() {
        return portal;
    }

    /**
     * Sets the portal: AUTH (PLAIN, LOGIN, CRAM-MD5) is offered and logs in through it for avatars of
     * {@link MessageDelivery}; without a {@linkplain #setDelivery delivery}, anonymous clients get the portal's
     * anonymous avatar at MAIL, or 530 5.7.0 if it refuses them.
     *
     * @param portal the portal, or null for no AUTH
     */
    public void setPortal(@Nullable Portal portal) {
        this.portal = portal;
    }

    /** Returns the TLS options STARTTLS uses, or null when STARTTLS is not offered. */
    public @Nullable TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /**
     * Sets the server's TLS options; STARTTLS is offered only when they are set.
     *
     * @param options the options, or null
     */
    public void setTlsOptions(@Nullable TlsOptions options) {
        this.tlsOptions = options;
    }

    /** Whether AUTH PLAIN and LOGIN are offered before TLS. */
    public boolean plainAuthWithoutTls() {
        return plainAuthWithoutTls;
    }

    /**
     * Sets whether AUTH PLAIN and LOGIN, which send the password in clear, are offered on a connection that is
     * not encrypted (default false: 538 5.7.11 until STARTTLS).
     *
     * @param allowed whether to allow them
     */
    public void setPlainAuthWithoutTls(boolean allowed) {
        this.plainAuthWithoutTls = allowed;
    }

    /** Returns the largest message, in octets. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sets the largest message.
     *
     * @param octets the size, at least 1
     * @throws IllegalArgumentException if it is below 1
     */
    public void setMaxMessageSize(long octets) {
        if (octets < 1) {
            throw new IllegalArgumentException("the largest message must be at least 1 octet, not " + octets);
        }
        this.maxMessageSize = octets;
    }

    /** Returns the most recipients of one message. */
    public int maxRecipients() {
        return maxRecipients;
    }

    /**
     * Sets the most recipients of one message.
     *
     * @param count the count, at least 1
     * @throws IllegalArgumentException if it is below 1
     */
    public void setMaxRecipients(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one recipient must be allowed, not " + count);
        }
        this.maxRecipients = count;
    }

    /** Returns the idle timeout in seconds. */
    public double timeout() {
        return timeout;
    }

    /**
     * Sets the idle timeout.
     *
     * @param seconds seconds without input before 421 and the close; 0 for none
     * @throws IllegalArgumentException if negative
     */
    public void setTimeout(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("the timeout cannot be negative");
        }
        this.timeout = seconds;
    }
}
