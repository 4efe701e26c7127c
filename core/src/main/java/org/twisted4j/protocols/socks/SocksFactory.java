package org.twisted4j.protocols.socks;

import java.util.Objects;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.endpoints.HostResolver;

/**
 * A SOCKS proxy server, as Twisted's {@code socks.SOCKSv4Factory} grown to SOCKS5: builds a
 * {@link SocksServer} for each client.
 *
 * <pre>{@code
 * reactor.listenTCP(1080, new SocksFactory(reactor, SocksOptions.defaults()), 50, "127.0.0.1");
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class SocksFactory extends Factory {

    private final ReactorTCP reactor;
    private final SocksOptions options;
    private final HostResolver resolver;

    /**
     * Creates the factory.
     *
     * @param reactor makes the outgoing connections (and, unless the options name a resolver, runs the
     *     system's resolver on its threads)
     * @param options how the servers behave
     * @throws IllegalArgumentException if the options name no resolver and {@code reactor} is not also a
     *     {@link ReactorThreads}
     */
    public SocksFactory(ReactorTCP reactor, SocksOptions options) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.options = Objects.requireNonNull(options, "options");
        HostResolver given = options.resolver();
        if (given != null) {
            resolver = given;
        } else if (reactor instanceof ReactorThreads threads) {
            resolver = HostResolver.blocking(threads);
        } else {
            throw new IllegalArgumentException("give the options a resolver: " + reactor + " cannot run one on a thread");
        }
    }

    /** Returns the options the servers follow. */
    public final SocksOptions options() {
        return options;
    }

    /** Builds a {@link SocksServer}. */
    @Override
    public Protocol buildProtocol(Address peer) {
        SocksServer server = new SocksServer(reactor, options, resolver);
        server.setFactory(this);
        return server;
    }
}
