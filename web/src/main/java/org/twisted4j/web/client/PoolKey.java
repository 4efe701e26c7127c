package org.twisted4j.web.client;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which connections a request may share: those to the same scheme, host and port, by the same way (straight,
 * or through the same proxy).
 *
 * @param scheme {@code http} or {@code https}, lower case; {@code http-proxy} for plain requests to a proxy
 * @param host the host as in the URI, lower case (empty for {@code http-proxy})
 * @param port the port, the scheme's default if the URI has none (0 for {@code http-proxy})
 * @param via the proxy the connection goes through (compared with {@code equals}), or null for a direct one
 */
record PoolKey(String scheme, String host, int port, @Nullable Object via) {

    /** Returns the key for requests sent straight to {@code uri}'s server. */
    static PoolKey of(URI uri) {
        return new PoolKey(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT),
                ClientRequest.port(uri), null);
    }

    /** Returns the key for plain http requests sent in absolute form to the proxy {@code via}. */
    static PoolKey proxy(Object via) {
        return new PoolKey("http-proxy", "", 0, via);
    }

    /** Returns the key for requests to {@code uri}'s server through a tunnel across the proxy {@code via}. */
    static PoolKey tunnel(URI uri, Object via) {
        PoolKey direct = of(uri);
        return new PoolKey(direct.scheme(), direct.host(), direct.port(), via);
    }

    @Override
    public String toString() {
        String target = host.isEmpty() ? scheme : scheme + "://" + host + ":" + port;
        return via == null ? target : target + " via " + via;
    }
}
