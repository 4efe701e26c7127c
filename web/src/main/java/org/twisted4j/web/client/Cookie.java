package org.twisted4j.web.client;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cookie as a {@link CookieJar} stores it (RFC 6265 section 5.3): what the server set, with the domain and
 * path it applies to already decided.
 *
 * @param name the cookie's name
 * @param value its value, as sent (quotes included, if any)
 * @param domain the host it came from (host-only) or the domain it was set for, lower case, no leading dot
 * @param path the path it applies to and below
 * @param expires when it expires, or null for a session cookie (kept until {@link CookieJar#clearSession})
 * @param hostOnly whether it goes only to {@code domain} itself, not to its subdomains
 * @param secure whether it goes only over https
 * @param httpOnly whether the server asked that scripts not see it (kept; this client has no scripts)
 * @param sameSite the {@code SameSite} attribute as sent ({@code Strict}, {@code Lax}, {@code None}), or null;
 *     kept, not enforced, since an HTTP client has no notion of the site a request comes from
 * @param created when it was first stored (kept when a cookie replaces one of the same name, domain and path)
 *
 * <p>Threading: immutable; any thread.
 */
public record Cookie(String name, String value, String domain, String path, @Nullable Instant expires,
        boolean hostOnly, boolean secure, boolean httpOnly, @Nullable String sameSite, Instant created) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part that may not be null is null
     */
    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
    }

    /** Returns whether this cookie lasts beyond the session: whether it has an expiry time. */
    public boolean persistent() {
        return expires != null;
    }

    /** Returns whether this cookie has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        Instant e = expires;
        return e != null && !e.isAfter(now);
    }
}
