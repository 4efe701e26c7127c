package org.twisted4j.news;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * Makes {@link NntpServer}s and holds their settings, as Twisted's {@code news.NNTPFactory}: the storage, the
 * clock, the server's name (in Path and Xref), whether readers may post, and the limits.
 *
 * <pre>{@code
 * MemoryNewsStorage storage = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
 * reactor.listenTCP(119, new NntpServerFactory(storage, reactor).setServerName("news.example.com"));
 * }</pre>
 *
 * <h2>TLS and logins</h2>
 * With {@link #setTlsOptions} the server offers STARTTLS (RFC 4642); with {@link #setPortal} it offers AUTHINFO
 * USER/PASS (RFC 4643), and a user's avatar is the {@link NewsStorage} the session then reads and posts to (a
 * {@link NewsRealm} gives every user the same one). {@link #setRequireAuthentication} answers 480 to reading and
 * posting until a login; {@link #setRequireTlsForAuthentication} answers 483 to AUTHINFO before STARTTLS.
 *
 * <h2>Limits</h2>
 * A command line is at most {@link NntpCommand#MAX_LINE} octets; a line of an article at most
 * {@link #DEFAULT_MAX_ARTICLE_LINE} and an article at most {@link #DEFAULT_MAX_ARTICLE_SIZE} octets unless set;
 * a connection idle for {@link #DEFAULT_TIMEOUT} seconds is closed (RFC 3977 §3.1 asks for at least three
 * minutes).
 *
 * <p>Settings are read by each connection as it needs them; change them before listening.
 */
public class NntpServerFactory extends Factory {

    /** Default largest article, in octets (as INN's {@code maxartsize}). */
    public static final long DEFAULT_MAX_ARTICLE_SIZE = 1_000_000;
    /** Default longest line of an article, in octets without CRLF. */
    public static final int DEFAULT_MAX_ARTICLE_LINE = 32_768;
    /** Default idle timeout, in seconds. */
    public static final double DEFAULT_TIMEOUT = 600;

    private final NewsStorage storage;
    private final ReactorTime clock;
    private Clock wallClock = Clock.systemUTC();
    private @Nullable String serverName;
    private boolean postingAllowed = true;
    private long maxArticleSize = DEFAULT_MAX_ARTICLE_SIZE;
    private int maxArticleLine = DEFAULT_MAX_ARTICLE_LINE;
    private double timeout = DEFAULT_TIMEOUT;
    private @Nullable TlsOptions tlsOptions;
    private @Nullable Portal portal;
    private boolean requireAuthentication;
    private boolean requireTlsForAuthentication;
    private boolean compressionAllowed = true;
    private int maxInflated = DeflateLayer.DEFAULT_MAX_INFLATED;

    /**
     * Makes the factory.
     *
     * @param storage where groups and articles are kept
     * @param clock the reactor's clock, for the idle timeout
     */
    public NntpServerFactory(NewsStorage storage, ReactorTime clock) {
        this.storage = storage;
        this.clock = clock;
    }

    private static String localName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            return name.isEmpty() || name.contains(":") ? "localhost" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        return new NntpServer(this);
    }

    /** Returns the storage. */
    public NewsStorage storage() {
        return storage;
    }

    /** Returns the reactor's clock, for the idle timeout. */
    public ReactorTime clock() {
        return clock;
    }

    /** Returns the wall clock: DATE's answer, the Date of posts, the "now" of NEWGROUPS and NEWNEWS. */
    public Clock wallClock() {
        return wallClock;
    }

    /**
     * Sets the wall clock (default the system's, in UTC); the storage has its own for arrival times.
     *
     * @return this factory
     */
    public NntpServerFactory setWallClock(Clock clock) {
        this.wallClock = clock;
        return this;
    }

    /** Returns the name this server puts in Path and Xref fields and in Message-IDs it makes. */
    public String serverName() {
        String name = serverName;
        if (name == null) {
            // Looked up on first use, not when the factory is made: a reverse lookup can be slow.
            name = localName();
            serverName = name;
        }
        return name;
    }

    /**
     * Sets the server's name (default: this machine's host name).
     *
     * @param name a host name without spaces or {@code !}
     * @return this factory
     * @throws IllegalArgumentException if it is empty or holds a space, {@code !}, or a control character
     */
    public NntpServerFactory setServerName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '!' && c != '<' && c != '>')) {
            throw new IllegalArgumentException("not a server name: " + name);
        }
        this.serverName = name;
        return this;
    }

    /** Returns whether readers may POST (default true; groups say more with their status). */
    public boolean postingAllowed() {
        return postingAllowed;
    }

    /** Sets whether readers may POST; the greeting says 200 if so, else 201. Returns this factory. */
    public NntpServerFactory setPostingAllowed(boolean allowed) {
        this.postingAllowed = allowed;
        return this;
    }

    /** Returns the largest article accepted, in octets. */
    public long maxArticleSize() {
        return maxArticleSize;
    }

    /**
     * Sets the largest article accepted, in octets; larger ones are read to their end and refused.
     *
     * @return this factory
     * @throws IllegalArgumentException if not positive
     */
    public NntpServerFactory setMaxArticleSize(long octets) {
        if (octets < 1) {
            throw new IllegalArgumentException("the article size limit must be positive");
        }
        this.maxArticleSize = octets;
        return this;
    }

    /** Returns the longest article line accepted, in octets without CRLF. */
    public int maxArticleLine() {
        return maxArticleLine;
    }

    /**
     * Sets the longest article line accepted, in octets without CRLF; at least the command line limit.
     *
     * @return this factory
     * @throws IllegalArgumentException if below {@code NntpCommand.MAX_LINE - 2}
     */
    public NntpServerFactory setMaxArticleLine(int octets) {
        if (octets < NntpCommand.MAX_LINE - 2) {
            throw new IllegalArgumentException("the article line limit must be at least " + (NntpCommand.MAX_LINE - 2));
        }
        this.maxArticleLine = octets;
        return this;
    }

    /** Returns whether COMPRESS DEFLATE (RFC 8054) is offered (default true). */
    public boolean compressionAllowed() {
        return compressionAllowed;
    }

    /**
     * Sets whether COMPRESS DEFLATE (RFC 8054) is offered; when not, CAPABILITIES does not list it and COMPRESS is
     * answered with 502.
     *
     * @return this factory
     */
    public NntpServerFactory setCompressionAllowed(boolean allowed) {
        this.compressionAllowed = allowed;
        return this;
    }

    /** Returns the most octets one read of a compressed connection may inflate to (default 4 MiB). */
    public int maxInflated() {
        return maxInflated;
    }

    /**
     * Sets the most octets one read of a compressed connection may inflate to; a read that inflates to more (a
     * decompression bomb) drops the connection.
     *
     * @return this factory
     * @throws IllegalArgumentException if below 64 KiB
     */
    public NntpServerFactory setMaxInflated(int octets) {
        if (octets < 65_536) {
            throw new IllegalArgumentException("the inflation limit must be at least 64 KiB");
        }
        this.maxInflated = octets;
        return this;
    }

    /** Returns the TLS options STARTTLS uses, or null when it is not offered. */
    public @Nullable TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** Sets the TLS options for STARTTLS; null not to offer it. Returns this factory. */
    public NntpServerFactory setTlsOptions(@Nullable TlsOptions options) {
        this.tlsOptions = options;
        return this;
    }

    /** Returns the portal AUTHINFO logs in through, or null when AUTHINFO is not offered. */
    public @Nullable Portal portal() {
        return portal;
    }

    /**
     * Sets the portal for AUTHINFO USER/PASS; its realm must give a {@link NewsStorage}. Null not to offer
     * AUTHINFO. Returns this factory.
     */
    public NntpServerFactory setPortal(@Nullable Portal portal) {
        this.portal = portal;
        return this;
    }

    /** Returns whether reading and posting need a login first. */
    public boolean requireAuthentication() {
        return requireAuthentication;
    }

    /** Sets whether reading and posting need a login first (480 until then); needs a portal. Returns this factory. */
    public NntpServerFactory setRequireAuthentication(boolean required) {
        this.requireAuthentication = required;
        return this;
    }

    /** Returns whether AUTHINFO is refused (483) before STARTTLS. */
    public boolean requireTlsForAuthentication() {
        return requireTlsForAuthentication;
    }

    /** Sets whether AUTHINFO is refused (483) until STARTTLS, so passwords never go in the clear. Returns this factory. */
    public NntpServerFactory setRequireTlsForAuthentication(boolean required) {
        this.requireTlsForAuthentication = required;
        return this;
    }

    /** Returns the idle timeout in seconds; 0 for none. */
    public double timeout() {
        return timeout;
    }

    /** Sets the idle timeout in seconds; 0 for none. Returns this factory. */
    public NntpServerFactory setTimeout(double seconds) {
        this.timeout = seconds;
        return this;
    }
}
