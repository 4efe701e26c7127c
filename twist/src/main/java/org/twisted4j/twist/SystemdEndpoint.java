package org.twisted4j.twist;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorSocket;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;

/**
 * A listening socket passed by systemd (socket activation), as Twisted's {@code AdoptedStreamServerEndpoint}
 * behind {@code systemd:domain=INET:index=0}: picked by index or by name from {@link ListenFds}, turned into
 * a channel by {@link InheritedSocket}, and served with {@link ReactorSocket#adoptStreamPort}.
 *
 * <p>Reactor thread only, as every endpoint's {@code listen}.
 */
final class SystemdEndpoint implements StreamServerEndpoint {

    /** The address families a description may name. */
    enum Domain {
        INET, INET6, UNIX;

        boolean matches(SocketAddress local) {
            return this == UNIX ? local instanceof UnixDomainSocketAddress : local instanceof InetSocketAddress;
        }
    }

    private final ReactorSocket reactor;
    private final Domain domain;
    private final int index;
    private final @Nullable String name;
    private final Map<String, String> environment;

    /**
     * Creates the endpoint.
     *
     * @param index the socket's index among those passed, used when {@code name} is null
     * @param name the socket's name in {@code LISTEN_FDNAMES}, or null
     * @param environment where {@code LISTEN_*} are read, normally {@link System#getenv()}
     */
    SystemdEndpoint(ReactorSocket reactor, Domain domain, int index, @Nullable String name,
            Map<String, String> environment) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.domain = domain;
        this.index = index;
        this.name = name;
        this.environment = environment;
    }

    /** Fails with a {@link CannotListenError} naming the socket and why it cannot be had. */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        try {
            ListenFds passed = ListenFds.from(environment, ProcessHandle.current().pid());
            int fd = name != null ? passed.descriptorNamed(name) : passed.descriptorAt(index);
            ServerSocketChannel channel = InheritedSocket.adopt(fd);
            SocketAddress local = channel.getLocalAddress();
            if (!domain.matches(local)) {
                channel.close();
                InheritedSocket.restoreStandardStreams();
                throw new IOException("the socket at descriptor " + fd + " is " + local + ", not of domain " + domain);
            }
            return Deferred.succeed(new Port(reactor.adoptStreamPort(channel, factory)));
        } catch (IOException | RuntimeException e) {
            return Deferred.fail(e instanceof CannotListenError ? e : new CannotListenError(toString(), 0, e));
        }
    }

    @Override
    public String toString() {
        return "systemd:domain=" + domain + (name != null ? ":name=" + name : ":index=" + index);
    }

    /** The adopted port, putting standard output back once it is closed (see {@link InheritedSocket}). */
    private record Port(ListeningPort port) implements ListeningPort {
        @Override
        public void startListening() {
            port.startListening();
        }

        @Override
        public Deferred<@Nullable Void> stopListening() {
            Deferred<@Nullable Void> stopped = port.stopListening();
            InheritedSocket.restoreStandardStreams();
            return stopped;
        }

        @Override
        public Address getHost() {
            return port.getHost();
        }
    }

    static Domain domain(String text) {
        return Domain.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
