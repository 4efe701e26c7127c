package org.twisted4j.web.client;

import java.net.URI;
import java.util.Locale;

/**
 * Which connections a request may share: those to the same scheme, host and port.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host the host as in the URI, lower case
 * @param port the port, the scheme's default if the URI has none
 */
record PoolKey(String scheme, String host, int port) {

    /** Returns the key for requests to {@code uri}. */
    static PoolKey of(URI uri) {
        return new PoolKey(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT),
                ClientRequest.port(uri));
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
