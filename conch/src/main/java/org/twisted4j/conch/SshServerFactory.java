package org.twisted4j.conch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.transport.Moduli;
import org.twisted4j.conch.transport.SshServerTransport;
import org.twisted4j.conch.transport.SshService;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.conch.userauth.UserAuthServer;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;

/**
 * An SSH server (Twisted's {@code SSHFactory}): each connection gets an {@link SshServerTransport} offering
 * {@code ssh-userauth} through the {@link Portal} (asking for the {@link ConchUser} avatar), then
 * {@code ssh-connection} for the avatar, with the registered subsystems.
 *
 * <pre>{@code
 * Realm realm = (id, mind, ifaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
 *         new ProcessUser(id, reactor, home, false), LoginResult.NO_LOGOUT));
 * SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
 *         new Portal(realm, new InMemoryPasswords(Map.of("alice", "secret"))));
 * reactor.listenTCP(2222, factory);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Configure before serving; connections run on the reactor thread.
 */
public final class SshServerFactory extends Factory {
    private final ReactorTime clock;
    private final @Nullable ReactorTCP reactor;
    private final List<HostKey> hostKeys;
    private final Portal portal;
    private TransportConfig transportConfig = new TransportConfig();
    private UserAuthConfig userAuthConfig = new UserAuthConfig();
    private SubsystemRegistry subsystems = new SubsystemRegistry();
    private Moduli moduli = Moduli.defaults();

    /**
     * Makes the factory.
     *
     * @param clock runs timers (rekeying, login grace)
     * @param reactor makes forwarded connections, or null for no forwarding
     * @param hostKeys the host keys, at least one
     * @param portal logs users in
     */
    public SshServerFactory(ReactorTime clock, @Nullable ReactorTCP reactor, List<HostKey> hostKeys, Portal portal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reactor = reactor;
        if (hostKeys.isEmpty()) {
            throw new IllegalArgumentException("a server needs a host key");
        }
        this.hostKeys = List.copyOf(hostKeys);
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    /** Sets the transport's algorithms and limits. */
    public SshServerFactory setTransportConfig(TransportConfig config) {
        transportConfig = Objects.requireNonNull(config);
        return this;
    }

    /** Sets the authentication methods and limits. */
    public SshServerFactory setUserAuthConfig(UserAuthConfig config) {
        userAuthConfig = Objects.requireNonNull(config);
        return this;
    }

    /** Sets the subsystems offered. */
    public SshServerFactory setSubsystems(SubsystemRegistry registry) {
        subsystems = Objects.requireNonNull(registry);
        return this;
    }

    /** Sets the groups for the group exchange. */
    public SshServerFactory setModuli(Moduli groups) {
        moduli = Objects.requireNonNull(groups);
        return this;
    }

    /** Returns the subsystems offered. */
    public SubsystemRegistry subsystems() {
        return subsystems;
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        Function<SshServerTransport, SshService> userauth = transport -> new UserAuthServer(portal, clock,
                userAuthConfig, result -> new SshConnection(result.avatar(ConchUser.class), reactor, subsystems,
                        result.logout()));
        return new SshServerTransport(transportConfig, clock, hostKeys, Map.of("ssh-userauth", userauth), moduli);
    }
}
