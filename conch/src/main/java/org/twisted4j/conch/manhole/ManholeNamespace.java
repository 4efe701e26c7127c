package org.twisted4j.conch.manhole;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where the code a manhole session generates finds the session's live objects: each session's namespace is
 * registered under a random key for the session's life, and its variables are declared in JShell as
 * {@code var reactor = (NioReactor) ManholeNamespace.lookup(KEY, "reactor");}. Not for applications, which hand
 * their objects to {@link ManholeService}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ManholeNamespace {

    private static final Map<String, Map<String, Object>> SESSIONS = new ConcurrentHashMap<>();

    private ManholeNamespace() {
    }

    /**
     * Returns an object of a registered session.
     *
     * @throws IllegalArgumentException if there is no such session or name
     */
    public static Object lookup(String session, String name) {
        Map<String, Object> namespace = SESSIONS.get(session);
        @Nullable Object value = namespace == null ? null : namespace.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in this manhole session");
        }
        return value;
    }

    static void register(String session, Map<String, Object> namespace) {
        SESSIONS.put(Objects.requireNonNull(session), Map.copyOf(namespace));
    }

    static void unregister(String session) {
        SESSIONS.remove(session);
    }
}
