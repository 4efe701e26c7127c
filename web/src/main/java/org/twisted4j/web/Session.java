package org.twisted4j.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;

/**
 * A client's server-side session, found again on each request by the cookie {@link Request#getSession()}
 * sets; this is twisted.web's {@code server.Session}. It holds the application's state as components keyed
 * by their class, and it expires when it has not been used for {@link #getSessionTimeout()} seconds.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * record Cart(List<String> items) {}
 *
 * protected byte[] renderPOST(Request request) {
 *     Session session = request.getSession();              // made, with its cookie, on first use
 *     Cart cart = session.getComponent(Cart.class, () -> new Cart(new ArrayList<>()));
 *     cart.items().add(request.getArg("item"));
 *     session.notifyOnExpire(() -> log.info("cart abandoned"));
 *     return "added\n".getBytes(UTF_8);
 * }
 * }</pre>
 *
 * <h2>Components</h2>
 * Twisted keeps session state as components adapted to interfaces. Here a session holds at most one object
 * per {@code Class} key ({@link #setComponent}, {@link #getComponent}): a typed map, so each part of an
 * application keeps its state under a type of its own without casts or string keys. No adapters are looked
 * up: a component is found only under the key it was set with.
 *
 * <h2>Expiry</h2>
 * The session's {@link Site} schedules its expiry on the site's clock ({@link ReactorTime}) when it makes
 * the session; each {@link #touch()} (every {@link Request#getSession()} touches) pushes it back to a full
 * timeout from now. On expiry the site forgets the session, so its cookie no longer finds it, and the
 * callbacks given to {@link #notifyOnExpire} run once each. A subclass made by a
 * {@linkplain Site#setSessionFactory session factory} may add state and behaviour.
 *
 * <p>Threading: reactor thread only.
 */
public class Session {

    /** Default time a session lives without being touched, in seconds: 900 (15 minutes). */
    public static final double DEFAULT_SESSION_TIMEOUT = 900;

    private static final Logger LOG = Logger.forClass(Session.class);

    private final Site site;
    private final String uid;
    private final ReactorTime time;
    private final Map<Class<?>, Object> components = new HashMap<>();
    private final List<Runnable> expireCallbacks = new ArrayList<>();
    private double sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private double lastModified;
    private @Nullable DelayedCall expireCall;
    private boolean expired;

    /**
     * Makes a session; a {@link Site} calls this through its session factory, then starts its expiry timer.
     * Applications get sessions from {@link Request#getSession()} or {@link Site#makeSession()} instead.
     *
     * @param site the site the session belongs to
     * @param uid its identifier, the value of its cookie
     */
    public Session(Site site, String uid) {
        this.site = Objects.requireNonNull(site, "site");
        this.uid = Objects.requireNonNull(uid, "uid");
        this.time = site.time();
        this.lastModified = time.seconds();
    }

    /** Returns the session's identifier: 64 hex digits from 32 secure random bytes, the cookie's value. */
    public final String getUid() {
        return uid;
    }

    /** Returns the site the session belongs to. */
    public final Site getSite() {
        return site;
    }

    /** Returns how long the session lives without a touch, in seconds. */
    public final double getSessionTimeout() {
        return sessionTimeout;
    }

    /**
     * Sets how long the session lives without a touch, and restarts its timer with the new timeout.
     *
     * @param seconds the timeout, above zero
     * @throws IllegalArgumentException if not above zero
     */
    public final void setSessionTimeout(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("session timeout must be above zero: " + seconds);
        }
        sessionTimeout = seconds;
        touch();
    }

    /** Returns the clock reading (the site's {@link ReactorTime#seconds()}) of the last touch. */
    public final double getLastModified() {
        return lastModified;
    }

    /** Marks the session used now: its expiry moves to a full timeout from now. Does nothing once expired. */
    public final void touch() {
        if (expired) {
            return;
        }
        lastModified = time.seconds();
        DelayedCall call = expireCall;
        if (call != null && call.active()) {
            call.reset(sessionTimeout);
        }
    }

    /**
     * Ends the session now: the site forgets it, its timer is cancelled, and its expiry callbacks run in the
     * order they were given (one that throws is logged and the rest still run). Does nothing if it has
     * already expired.
     */
    public final void expire() {
        if (expired) {
            return;
        }
        expired = true;
        site.sessions().remove(this);
        DelayedCall call = expireCall;
        expireCall = null;
        if (call != null && call.active()) {
            call.cancel();
        }
        List<Runnable> callbacks = List.copyOf(expireCallbacks);
        expireCallbacks.clear();
        for (Runnable callback : callbacks) {
            runExpireCallback(callback);
        }
    }

    /** Returns whether the session has expired. */
    public final boolean isExpired() {
        return expired;
    }

    /**
     * Asks for a call when the session expires; it runs at once if the session has already expired.
     *
     * @param callback what to run
     */
    public final void notifyOnExpire(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (expired) {
            runExpireCallback(callback);
        } else {
            expireCallbacks.add(callback);
        }
    }

    /**
     * Returns the component kept under a class.
     *
     * @param type the key
     * @param <T> its type
     * @return the component, or null if none is set
     */
    public final <T> @Nullable T getComponent(Class<T> type) {
        return type.cast(components.get(type));
    }

    /**
     * Returns the component kept under a class, first setting one from {@code ifAbsent} if there is none.
     *
     * @param type the key
     * @param ifAbsent makes the component when none is set
     * @param <T> its type
     * @return the component
     * @throws NullPointerException if {@code ifAbsent} gives null
     */
    public final <T> T getComponent(Class<T> type, Supplier<? extends T> ifAbsent) {
        T found = getComponent(type);
        if (found == null) {
            found = Objects.requireNonNull(ifAbsent.get(), "component");
            components.put(type, found);
        }
        return found;
    }

    /**
     * Keeps a component under a class, replacing any kept there.
     *
     * @param type the key
     * @param component the component, an instance of {@code type}
     * @param <T> its type
     * @throws ClassCastException if the component is not an instance of {@code type}
     */
    public final <T> void setComponent(Class<T> type, T component) {
        components.put(type, type.cast(Objects.requireNonNull(component, "component")));
    }

    /**
     * Removes the component kept under a class.
     *
     * @param type the key
     * @param <T> its type
     * @return the component removed, or null if none was set
     */
    public final <T> @Nullable T removeComponent(Class<T> type) {
        return type.cast(components.remove(type));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + uid.substring(0, Math.min(8, uid.length())) + "...)";
    }

    /** Schedules the expiry; the site calls this once, after making the session. */
    final void startCheckingExpiration() {
        if (!expired && expireCall == null) {
            expireCall = time.callLater(sessionTimeout, this::expire);
        }
    }

    private void runExpireCallback(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.failure("Session expiry callback failed for {session}", new Failure(e), "session", toString());
        }
    }
}
