package org.twisted4j.web.client;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A proxy did not open the tunnel a {@link ProxyAgent} asked for with {@code CONNECT host:port}: it answered
 * with a status other than 2xx (403 for a port it does not allow, 407 for missing or wrong credentials, 502
 * when it cannot reach the server...), or it closed the connection, sent something that is not an HTTP
 * response, or did not answer in time. The request it was for was not sent.
 *
 * <pre>{@code
 * agent.request("GET", URI.create("https://example.org/"), null, null).addErrback(failure -> {
 *     if (failure.value() instanceof ProxyTunnelError refused && refused.code() == 407) {
 *         // ask for the proxy's credentials
 *     }
 *     return failure;
 * });
 * }</pre>
 *
 * <p>Threading: any thread (immutable).
 */
public final class ProxyTunnelError extends IOException {
    private static final long serialVersionUID = 1L;

    /** The {@link #code()} when the proxy gave no status at all. */
    public static final int NO_ANSWER = 0;

    private final String target;
    private final int code;
    private final String phrase;

    /**
     * Makes one.
     *
     * @param target the {@code host:port} the tunnel was asked for
     * @param code the proxy's status, or {@link #NO_ANSWER}
     * @param phrase the proxy's reason phrase (empty if none), or what went wrong when there was no answer
     * @param cause the connection's error (a {@link org.twisted4j.defer.TimeoutError}, a
     *     {@link org.twisted4j.internet.ConnectionLost}...), or null
     */
    public ProxyTunnelError(String target, int code, String phrase, @Nullable Throwable cause) {
        super(code == NO_ANSWER
                ? "the proxy did not open a tunnel to " + target + ": " + phrase
                : "the proxy refused a tunnel to " + target + ": " + code + (phrase.isEmpty() ? "" : " " + phrase),
                cause);
        this.target = target;
        this.code = code;
        this.phrase = phrase;
    }

    /** Returns the {@code host:port} the tunnel was asked for. */
    public String target() {
        return target;
    }

    /** Returns the proxy's status code, or {@link #NO_ANSWER} if it gave none. */
    public int code() {
        return code;
    }

    /** Returns the proxy's reason phrase, or what went wrong if it gave no status. */
    public String phrase() {
        return phrase;
    }
}
