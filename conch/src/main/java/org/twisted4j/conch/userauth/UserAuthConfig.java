package org.twisted4j.conch.userauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a server authenticates users: which methods, in which combinations (OpenSSH's
 * {@code AuthenticationMethods}), how many failures before it disconnects, how long a client has to log in, and
 * the banner.
 *
 * <pre>{@code
 * UserAuthConfig config = new UserAuthConfig().requireAll("publickey", "password").maxAttempts(3);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Configure before serving; then read only.
 */
public final class UserAuthConfig {
    /** The default number of failed attempts before disconnecting: 6, as OpenSSH's {@code MaxAuthTries}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    /** The default time to log in: 120 seconds, as OpenSSH's {@code LoginGraceTime}. */
    public static final double DEFAULT_LOGIN_GRACE_SECONDS = 120;
    /** The methods a server knows. */
    public static final List<String> METHODS = List.of("publickey", "password", "keyboard-interactive");

    private List<List<String>> chains = List.of(List.of("publickey"), List.of("password"),
            List.of("keyboard-interactive"));
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private double loginGraceSeconds = DEFAULT_LOGIN_GRACE_SECONDS;
    private @Nullable String banner;

    /** Makes the default: any one of publickey, password and keyboard-interactive. */
    public UserAuthConfig() {
    }

    /**
     * Accepts any one of the methods.
     *
     * @throws IllegalArgumentException for an unknown method
     */
    public UserAuthConfig anyOf(String... methods) {
        List<List<String>> list = new ArrayList<>();
        for (String m : methods) {
            list.add(List.of(check(m)));
        }
        chains = List.copyOf(list);
        return this;
    }

    /**
     * Requires every one of the methods, in any order (one chain of {@code AuthenticationMethods}).
     *
     * @throws IllegalArgumentException for an unknown method
     */
    public UserAuthConfig requireAll(String... methods) {
        for (String m : methods) {
            check(m);
        }
        chains = List.of(List.of(methods));
        return this;
    }

    private static String check(String method) {
        if (!METHODS.contains(Objects.requireNonNull(method))) {
            throw new IllegalArgumentException("unknown method " + method);
        }
        return method;
    }

    /**
     * Sets how many failed attempts end the connection.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public UserAuthConfig maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1");
        }
        maxAttempts = attempts;
        return this;
    }

    /**
     * Sets how long a client has to log in; 0 for no limit.
     *
     * @throws IllegalArgumentException if negative
     */
    public UserAuthConfig loginGraceSeconds(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("loginGraceSeconds < 0");
        }
        loginGraceSeconds = seconds;
        return this;
    }

    /** Sets the banner shown before login, or null for none. */
    public UserAuthConfig banner(@Nullable String text) {
        banner = text;
        return this;
    }

    /** Returns the accepted combinations of methods: any one chain, all of whose methods must succeed. */
    public List<List<String>> chains() {
        return chains;
    }

    /** Returns the number of failed attempts that ends the connection. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Returns the login grace time in seconds (0: none). */
    public double loginGraceSeconds() {
        return loginGraceSeconds;
    }

    /** Returns the banner, or null. */
    public @Nullable String banner() {
        return banner;
    }
}
