package org.twisted4j.web;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A site's live sessions by uid, and the cookie logic of {@link Request#getSession()}: the cookie
 * {@value #COOKIE} ({@value #SECURE_COOKIE} over TLS, marked Secure there), path {@code /}, HttpOnly.
 * Reactor thread only.
 */
final class SessionStore {

    static final String COOKIE = "TWISTED_SESSION";
    static final String SECURE_COOKIE = "TWISTED_SECURE_SESSION";

    private final Site site;
    private final Map<String, Session> sessions = new HashMap<>();
    private @Nullable SecureRandom random;
    private BiFunction<Site, String, ? extends Session> factory = Session::new;

    SessionStore(Site site) {
        this.site = site;
    }

    void setFactory(BiFunction<Site, String, ? extends Session> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    Session make() {
        String uid;
        do {
            uid = newUid();
        } while (sessions.containsKey(uid));
        Session session = Objects.requireNonNull(factory.apply(site, uid), "the session factory gave null");
        if (!session.getUid().equals(uid) || session.getSite() != site) {
            throw new IllegalStateException("the session factory must make the session with the site and uid given");
        }
        sessions.put(uid, session);
        session.startCheckingExpiration();
        return session;
    }

    Optional<Session> get(String uid) {
        return Optional.ofNullable(sessions.get(uid));
    }

    void remove(Session session) {
        sessions.remove(session.getUid(), session);
    }

    /**
     * Returns the request's session: {@code cached} if it is still live, else the one its cookie names,
     * else a new one with its cookie set; whichever it is gets touched.
     */
    Session forRequest(Request request, @Nullable Session cached) {
        Session session = cached != null && !cached.isExpired() ? cached : null;
        boolean secure = request.isSecure();
        String name = secure ? SECURE_COOKIE : COOKIE;
        if (session == null) {
            String uid = request.getCookie(name);
            session = uid == null ? null : sessions.get(uid);
        }
        if (session == null) {
            if (request.headersSent()) {
                throw new IllegalStateException("a new session needs its cookie, but the headers of " + request
                        + " have been sent");
            }
            session = make();
            if (secure) {
                request.addCookie(name, session.getUid(), "Path=/", "Secure", "HttpOnly");
            } else {
                request.addCookie(name, session.getUid(), "Path=/", "HttpOnly");
            }
        }
        session.touch();
        return session;
    }

    private String newUid() {
        SecureRandom r = random;
        if (r == null) {
            r = new SecureRandom();
            random = r;
        }
        byte[] bytes = new byte[32];
        r.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
