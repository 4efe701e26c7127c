package org.twisted4j.web.client;

import java.util.List;
import java.util.Objects;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.ssl.TrustRoot;

/**
 * Chooses the TLS settings for each https server an {@link Agent} connects to, as Twisted's
 * {@code IPolicyForHTTPS}. The default, {@link #browserLike()}, checks the server's certificate against the
 * JDK's trust store and its name against the URI's host, as a browser does.
 *
 * <pre>{@code
 * HttpAgent agent = Agent.builder(reactor)
 *         .tlsPolicy(TlsPolicy.trusting(TrustRoot.fromPem(Path.of("internal-ca.pem"))))
 *         .build();
 * }</pre>
 *
 * <p>Threading: any thread for the policies here (they hold nothing mutable); the agent calls
 * {@link #creatorForNetloc} on the reactor thread.
 */
@FunctionalInterface
public interface TlsPolicy {

    /**
     * Returns the settings for a connection to {@code host}.
     *
     * @param host the URI's host, without brackets for an IPv6 literal
     * @param port the port connected to
     * @return client-mode options that check the server as wanted
     * @throws IllegalArgumentException if {@code host} cannot be used for TLS (not a valid name)
     */
    TlsOptions creatorForNetloc(String host, int port);

    /** Returns the default policy: the JDK's trusted roots, and the host name checked (Twisted's BrowserLikePolicyForHTTPS). */
    static TlsPolicy browserLike() {
        return (host, port) -> ClientTlsOptions.optionsForClientTLS(host);
    }

    /**
     * Returns a policy that trusts only {@code roots}, still checking the host name.
     *
     * @param roots the certificates to trust, such as a private CA or a server's self-signed certificate
     * @return the policy
     */
    static TlsPolicy trusting(TrustRoot roots) {
        Objects.requireNonNull(roots, "roots");
        return (host, port) -> ClientTlsOptions.optionsForClientTLS(host, roots, null, List.of());
    }
}
