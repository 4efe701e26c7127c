package org.twisted4j.conch.client;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.SshTransport;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * A command run on an SSH server, as a stream for any protocol (Twisted's {@code SSHCommandClientEndpoint}): what
 * the command prints is the protocol's input, what the protocol writes is the command's standard input, and the
 * command's end is the protocol's {@code connectionLost} ({@link org.twisted4j.internet.ConnectionDone} after exit
 * status 0, {@link org.twisted4j.internet.ProcessTerminated} with the status or signal otherwise).
 *
 * <pre>{@code
 * SshCommandClientEndpoint endpoint = SshCommandClientEndpoint.newConnection(reactor, "cat /etc/hostname",
 *         "alice", "example.com", 22, List.of(Key.fromFile(id, null)), null,
 *         KnownHostsFile.fromPath(knownHosts), new ConsoleUI(reactor));
 * endpoint.connect(Factory.forProtocol(Printer::new));
 * // Another command over the same connection:
 * SshConnection connection = ((ChannelTransport) printer.transport()).connection();
 * SshCommandClientEndpoint.existingConnection(connection, "uptime").connect(...);
 * }</pre>
 *
 * <p>{@link #newConnection} makes a connection of its own: TCP to the host, the key exchange with the server's key
 * checked against {@code known_hosts} (unknown keys put to the {@link KnownHostsUI}), then the login with the
 * keys and then the password ({@link UserAuthClient}); the connection closes once the command's channel and any
 * other channel opened on it since have closed.
 * {@link #existingConnection} opens another channel on a connection already made, and leaves it open.
 *
 * <h2>Failures</h2>
 * The Deferred of {@link #connect} fails with the TCP endpoint's error, {@link HostKeyChanged},
 * {@link HostKeyRevoked} or {@link UserRejectedKey} for the host key, {@link org.twisted4j.cred.UnauthorizedLogin}
 * when every login method failed, {@link org.twisted4j.conch.connection.ChannelOpenRefused} or
 * {@link ConnectionLost} when the server would not run the command.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SshCommandClientEndpoint implements StreamClientEndpoint {
    private final String command;
    private final @Nullable NewConnection creator;
    private final @Nullable SshConnection existing;
    private @Nullable Consumer<byte[]> stderr;
    private @Nullable StreamClientEndpoint agentEndpoint;
    private boolean forwardAgent;

    /** What a new connection is made with. */
    private record NewConnection(SshClient client) {
    }

    private SshCommandClientEndpoint(String command, @Nullable NewConnection creator,
            @Nullable SshConnection existing) {
        this.command = Objects.requireNonNull(command, "command");
        this.creator = creator;
        this.existing = existing;
    }

    /**
     * An endpoint that makes a connection of its own for the command.
     *
     * @param reactor connects, keeps time, and looks the host up
     * @param command the command line for the server's shell
     * @param username the user to log in as
     * @param hostname the server's name, also the name it is looked up under in {@code known_hosts}
     * @param port the server's port (22 normally)
     * @param keys private keys to log in with, tried in order
     * @param password the password to try once when the keys are not enough, or null
     * @param knownHosts the known hosts, or null for {@code ~/.ssh/known_hosts}
     * @param ui asked about an unknown host key, or null to refuse such keys
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> SshCommandClientEndpoint newConnection(
            R reactor, String command, String username, String hostname, int port, List<Key> keys,
            @Nullable String password, @Nullable KnownHostsFile knownHosts, @Nullable KnownHostsUI ui) {
        return newConnection(reactor, command, username, hostname, port, keys, password, knownHosts, ui,
                new TransportConfig());
    }

    /**
     * As {@link #newConnection(ReactorTCP, String, String, String, int, List, String, KnownHostsFile,
     * KnownHostsUI)}, with the transport's algorithms and limits.
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> SshCommandClientEndpoint newConnection(
            R reactor, String command, String username, String hostname, int port, List<Key> keys,
            @Nullable String password, @Nullable KnownHostsFile knownHosts, @Nullable KnownHostsUI ui,
            TransportConfig config) {
        NewConnection creator = new NewConnection(SshClient.to(reactor, username, hostname, port).keys(keys)
                .password(password).knownHosts(knownHosts).ui(ui).config(config));
        return new SshCommandClientEndpoint(command, creator, null);
    }

    /**
     * An endpoint that runs the command in a new channel of a connection already made (by another endpoint's
     * command: its protocol's transport is a {@link org.twisted4j.conch.connection.ChannelTransport}).
     */
    public static SshCommandClientEndpoint existingConnection(SshConnection connection, String command) {
        return new SshCommandClientEndpoint(command, null, Objects.requireNonNull(connection, "connection"));
    }

    /** Sets what receives the command's standard error; by default it is dropped. */
    public SshCommandClientEndpoint stderr(@Nullable Consumer<byte[]> receiver) {
        stderr = receiver;
        return this;
    }

    /**
     * Sets where an SSH agent listens (Twisted's {@code agentEndpoint}), such as a {@code UNIXClientEndpoint} to
     * {@code SSH_AUTH_SOCK}: its keys are offered before the key files'. An agent that cannot be reached is passed
     * over. Only for {@link #newConnection}.
     */
    public SshCommandClientEndpoint agent(@Nullable StreamClientEndpoint endpoint) {
        agentEndpoint = endpoint;
        return this;
    }

    /**
     * Forwards the {@link #agent} to the server ({@code ssh -A}, Twisted's {@code agentForwarding}): the command's
     * session asks for {@code auth-agent-req@openssh.com}, and the agent connections the server opens back are
     * relayed to the agent endpoint. Off by default; needs an agent endpoint; only for {@link #newConnection}.
     */
    public SshCommandClientEndpoint forwardAgent(boolean forward) {
        forwardAgent = forward;
        return this;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        factory.doStart();
        Deferred<Protocol> result = existing != null ? exec(existing, factory, null) : connectNew(factory);
        return result.addBoth(outcome -> {
            factory.doStop();
            return outcome;
        }).addCallback(protocol -> (Protocol) protocol);
    }

    private Deferred<Protocol> exec(SshConnection connection, Factory factory, @Nullable SshTransport owned) {
        Protocol protocol = factory.buildProtocol(connection.transport().transport().getPeer());
        if (protocol == null) {
            return Deferred.fail(new ConnectionLost("the factory built no protocol"));
        }
        return connection.execCommand(command, protocol, stderr).addCallback(channel -> {
            if (owned != null) {
                channel.whenClosed().addCallback(reason -> {
                    connection.whenIdle(() -> owned.disconnect(DisconnectReason.BY_APPLICATION,
                            "disconnected by user"));
                    return null;
                });
            }
            return protocol;
        });
    }

    private Deferred<Protocol> connectNew(Factory factory) {
        NewConnection c = Objects.requireNonNull(creator);
        SshClient client = c.client().agent(agentEndpoint);
        return client.connect().addCallbackDeferred(connection -> {
            SshTransport transport = connection.transport();
            if (forwardAgent && agentEndpoint != null) {
                connection.forwardAgentTo(agentEndpoint);
            }
            return exec(connection, factory, transport).addErrback(failure -> {
                transport.disconnect(DisconnectReason.BY_APPLICATION, "disconnected by user");
                throw failure.raise();
            });
        });
    }
}
