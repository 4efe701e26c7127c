package org.twisted4j.web.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;

/**
 * Cookies kept between requests, by RFC 6265: the store a {@link CookieAgent} fills from {@code Set-Cookie}
 * fields and draws {@code Cookie} fields from.
 *
 * <pre>{@code
 * CookieJar jar = new CookieJar(reactor);
 * HttpAgent agent = new CookieAgent(Agent.create(reactor), jar);
 * // ... later
 * jar.cookieHeader(URI.create("https://example.org/account"));   // "session=abc; theme=dark"
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@code Set-Cookie} parsing as RFC 6265 section 5.2 (a field holding a control character other than tab is
 *       ignored, as RFC 6265bis says): {@code Expires} (its forgiving date format),
 *       {@code Max-Age} (winning over {@code Expires}; zero or less deletes), {@code Domain} (leading dot
 *       dropped; the request host must be in it, else the cookie is ignored; without it the cookie is
 *       host-only), {@code Path} (else the default path of the request), {@code Secure}, {@code HttpOnly},
 *       {@code SameSite} (kept, not enforced).</li>
 *   <li>A cookie replaces the one of the same name, domain and path, keeping its creation time; one already
 *       expired only deletes it.</li>
 *   <li>The {@code Cookie} field for a request holds the cookies whose domain and path match, not expired,
 *       secure ones only over https, longest path first, then oldest first.</li>
 *   <li>Expired cookies are evicted whenever the jar is used; past {@link #MAX_PER_DOMAIN} cookies for one
 *       domain or {@link #MAX_COOKIES} in all, the least recently used go.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * There is no public suffix list: a {@code Domain} of a single label ({@code com}, {@code local}) is refused
 * unless it is the request host itself, but multi-label public suffixes ({@code co.uk}, {@code github.io})
 * are accepted, so a site there can set cookies for its neighbours. IP-address hosts only match exactly.
 * Cookies are not persisted; {@code SameSite} is not enforced; the RFC 6265bis rules ({@code __Secure-} and
 * {@code __Host-} prefixes, no {@code Secure} cookies from http) are not applied.
 *
 * <h2>Time</h2>
 * Expiry is wall-clock time; the jar reads it from a {@link ReactorTime} whose current reading is tied to an
 * instant when the jar is made, so a test's {@link org.twisted4j.internet.task.Clock} drives it.
 *
 * <p>Threading: reactor thread only.
 */
public final class CookieJar {

    /** The most cookies kept in all. */
    public static final int MAX_COOKIES = 3000;

    /** The most cookies kept for one domain. */
    public static final int MAX_PER_DOMAIN = 50;

    private static final Comparator<Stored> SEND_ORDER = Comparator
            .comparingInt((Stored s) -> -s.cookie.path().length())
            .thenComparing(s -> s.cookie.created())
            .thenComparingLong(s -> s.sequence);

    private final ReactorTime clock;
    private final double clockAtStart;
    private final Instant instantAtStart;
    private final Map<Key, Stored> cookies = new LinkedHashMap<>();
    private long sequence;

    /**
     * Makes an empty jar whose clock's current reading is now, by the system clock.
     *
     * @param clock the time the jar reads; its differences are added to the system time at construction
     */
    public CookieJar(ReactorTime clock) {
        this(clock, Instant.now());
    }

    /**
     * Makes an empty jar whose clock's current reading is {@code now}.
     *
     * @param clock the time the jar reads
     * @param now the wall-clock instant of the clock's current reading
     */
    public CookieJar(ReactorTime clock, Instant now) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockAtStart = clock.seconds();
        this.instantAtStart = Objects.requireNonNull(now, "now");
    }

    /** Returns the jar's current wall-clock time. */
    public Instant now() {
        double elapsed = clock.seconds() - clockAtStart;
        return instantAtStart.plus(Duration.ofNanos((long) (elapsed * 1e9)));
    }

    /**
     * Stores the cookies of a response's {@code Set-Cookie} fields.
     *
     * @param requestUri the URI of the request that the response answered
     * @param setCookieFields the fields' values, in order
     */
    public void setCookies(URI requestUri, List<String> setCookieFields) {
        Instant now = now();
        for (String field : setCookieFields) {
            Cookie cookie = SetCookieParser.parse(field, requestUri, now);
            if (cookie != null) {
                store(cookie, now);
            }
        }
        evict(now);
    }

    /**
     * Stores a cookie made by hand (replacing one of the same name, domain and path), or deletes that one if
     * this cookie has expired.
     *
     * @param cookie the cookie
     */
    public void put(Cookie cookie) {
        Instant now = now();
        store(cookie, now);
        evict(now);
    }

    private void store(Cookie cookie, Instant now) {
        Key key = new Key(cookie.name(), cookie.domain(), cookie.path());
        Stored old = cookies.remove(key);
        if (cookie.expiredAt(now)) {
            return;
        }
        Cookie kept = old == null ? cookie : new Cookie(cookie.name(), cookie.value(), cookie.domain(), cookie.path(),
                cookie.expires(), cookie.hostOnly(), cookie.secure(), cookie.httpOnly(), cookie.sameSite(),
                old.cookie.created());
        cookies.put(key, new Stored(kept, old == null ? sequence++ : old.sequence, now));
    }

    /**
     * Returns the cookies to send with a request to {@code uri}, in the order they are sent, and marks them used.
     *
     * @param uri the request's URI
     * @return the cookies; empty if none
     */
    public List<Cookie> cookiesFor(URI uri) {
        Instant now = now();
        evict(now);
        String host = canonicalHost(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme());
        List<Stored> matching = new ArrayList<>();
        for (Stored stored : cookies.values()) {
            Cookie c = stored.cookie;
            boolean domainOk = c.hostOnly() ? host.equals(c.domain()) : domainMatches(host, c.domain());
            if (domainOk && pathMatches(path, c.path()) && (secure || !c.secure())) {
                matching.add(stored);
            }
        }
        matching.sort(SEND_ORDER);
        List<Cookie> out = new ArrayList<>(matching.size());
        for (Stored stored : matching) {
            stored.lastAccess = now;
            out.add(stored.cookie);
        }
        return out;
    }

    /**
     * Returns the {@code Cookie} field value for a request to {@code uri}, as {@code "a=1; b=2"}.
     *
     * @param uri the request's URI
     * @return the value, or null if no cookie applies
     */
    public @Nullable String cookieHeader(URI uri) {
        List<Cookie> list = cookiesFor(uri);
        if (list.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Cookie c : list) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(c.name()).append('=').append(c.value());
        }
        return out.toString();
    }

    /** Returns every cookie kept and not expired, oldest first. */
    public List<Cookie> all() {
        evict(now());
        List<Stored> list = new ArrayList<>(cookies.values());
        list.sort(Comparator.comparing((Stored s) -> s.cookie.created()).thenComparingLong(s -> s.sequence));
        return list.stream().map(s -> s.cookie).toList();
    }

    /** Removes every cookie. */
    public void clear() {
        cookies.clear();
    }

    /** Removes the session cookies (those without an expiry), as closing a browser does. */
    public void clearSession() {
        cookies.values().removeIf(s -> !s.cookie.persistent());
    }

    private void evict(Instant now) {
        cookies.values().removeIf(s -> s.cookie.expiredAt(now));
        Map<String, Integer> perDomain = new LinkedHashMap<>();
        for (Stored s : cookies.values()) {
            perDomain.merge(s.cookie.domain(), 1, Integer::sum);
        }
        perDomain.forEach((domain, count) -> {
            if (count > MAX_PER_DOMAIN) {
                dropLeastRecentlyUsed(count - MAX_PER_DOMAIN, domain);
            }
        });
        if (cookies.size() > MAX_COOKIES) {
            dropLeastRecentlyUsed(cookies.size() - MAX_COOKIES, null);
        }
    }

    private void dropLeastRecentlyUsed(int count, @Nullable String domain) {
        List<Stored> candidates = new ArrayList<>();
        for (Stored s : cookies.values()) {
            if (domain == null || s.cookie.domain().equals(domain)) {
                candidates.add(s);
            }
        }
        candidates.sort(Comparator.comparing((Stored s) -> s.lastAccess).thenComparingLong(s -> s.sequence));
        for (Iterator<Stored> it = candidates.iterator(); it.hasNext() && count > 0; count--) {
            Stored victim = it.next();
            cookies.remove(new Key(victim.cookie.name(), victim.cookie.domain(), victim.cookie.path()));
        }
    }

    /** The request host, lower case, without IPv6 brackets. */
    static String canonicalHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return "";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** Domain-match of RFC 6265 section 5.1.3 (both already lower case). */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /** Path-match of RFC 6265 section 5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]+(\\.[0-9]+){3}");
    }

    private record Key(String name, String domain, String path) {
    }

    /** A cookie with the jar's bookkeeping. */
    private static final class Stored {
        final Cookie cookie;
        final long sequence;
        Instant lastAccess;

        Stored(Cookie cookie, long sequence, Instant lastAccess) {
            this.cookie = cookie;
            this.sequence = sequence;
            this.lastAccess = lastAccess;
        }
    }
}
