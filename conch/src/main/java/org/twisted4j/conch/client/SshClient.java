package org.twisted4j.conch.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.agent.SshAgentClient;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.transport.SshClientTransport;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.conch.userauth.UserAuthClient;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * An SSH connection made and logged in, ready for channels (what Twisted's {@code conch} and {@code cftp} do before
 * their first channel): TCP to the host, the key exchange with the server's key checked against
 * {@code known_hosts}, then the login with the agent's keys, the key files and the password ({@link UserAuthClient}).
 *
 * <pre>{@code
 * SshClient.to(reactor, "alice", "example.com", 22).keys(List.of(key)).connect().addCallback(connection -> {
 *     return SftpClient.open(connection);
 * });
 * }</pre>
 *
 * <p>The settings are set before {@link #connect}; each call of it makes another connection. The connection stays
 * open until {@code connection.transport().disconnect(...)} or until the server closes it.
 *
 * <h2>Failures</h2>
 * The Deferred of {@link #connect} fails with the TCP endpoint's error, {@link HostKeyChanged},
 * {@link HostKeyRevoked} or {@link UserRejectedKey} for the host key, {@link org.twisted4j.cred.UnauthorizedLogin}
 * when every login method failed, or {@link ConnectionLost} when the connection closed before the login ended.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SshClient {
    private final ReactorTime time;
    private final StreamClientEndpoint endpoint;
    private final String username;
    private final String hostname;
    private final int port;
    private List<Key> keys = List.of();
    private @Nullable String password;
    private @Nullable KnownHostsFile knownHosts;
    private KnownHostsUI ui = KnownHostsUI.REFUSE_UNKNOWN;
    private TransportConfig config = new TransportConfig();
    private @Nullable StreamClientEndpoint agentEndpoint;
    private Runnable onClose = () -> { };

    private SshClient(ReactorTime time, StreamClientEndpoint endpoint, String username, String hostname, int port) {
        this.time = Objects.requireNonNull(time, "time");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.username = Objects.requireNonNull(username, "username");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.port = port;
    }

    /**
     * A client for a server reached over TCP.
     *
     * @param reactor connects, keeps time, and looks the host up
     * @param username the user to log in as
     * @param hostname the server's name, also the name it is looked up under in {@code known_hosts}
     * @param port the server's port (22 normally)
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> SshClient to(R reactor, String username,
            String hostname, int port) {
        return new SshClient(reactor, new HostnameEndpoint(reactor, hostname, port), username, hostname, port);
    }

    /** Sets the private keys to log in with, tried in order after the agent's; none by default. */
    public SshClient keys(List<Key> privateKeys) {
        keys = List.copyOf(privateKeys);
        return this;
    }

    /** Sets the password tried once when the keys are not enough; none by default. */
    public SshClient password(@Nullable String secret) {
        password = secret;
        return this;
    }

    /** Sets the known hosts; by default {@code ~/.ssh/known_hosts}, read when {@link #connect} runs. */
    public SshClient knownHosts(@Nullable KnownHostsFile known) {
        knownHosts = known;
        return this;
    }

    /** Sets what is asked about an unknown host key, or null to refuse such keys (the default). */
    public SshClient ui(@Nullable KnownHostsUI asked) {
        ui = asked == null ? KnownHostsUI.REFUSE_UNKNOWN : asked;
        return this;
    }

    /** Sets the transport's algorithms and limits; {@code new TransportConfig()} by default. */
    public SshClient config(TransportConfig transportConfig) {
        config = Objects.requireNonNull(transportConfig, "config");
        return this;
    }

    /**
     * Sets where an SSH agent listens, such as a {@code UNIXClientEndpoint} to {@code SSH_AUTH_SOCK}: its keys are
     * offered before the key files'. An agent that cannot be reached is passed over. None by default.
     */
    public SshClient agent(@Nullable StreamClientEndpoint agent) {
        agentEndpoint = agent;
        return this;
    }

    /** Sets what runs once when a connection made by {@link #connect} ends (after the login or before it). */
    public SshClient onClose(Runnable action) {
        onClose = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Connects and logs in.
     *
     * @return fires with the connection once the server has accepted the login; fails as the class says
     */
    public Deferred<SshConnection> connect() {
        KnownHostsFile known;
        try {
            known = knownHosts != null ? knownHosts
                    : KnownHostsFile.fromPath(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        Deferred<SshConnection> result = new Deferred<>();
        SshConnection connection = SshConnection.forClient(onClose);
        UserAuthClient auth = new UserAuthClient(username, keys,
                password == null ? null : UserAuthClient.PasswordSource.fixed(password), connection)
                .setPasswordAttempts(1);
        SshClientTransport[] made = new SshClientTransport[1];
        SshClientTransport transport = new SshClientTransport(config, time,
                known.verifier(hostname, port, ui), auth, hostKeyAlgorithms(known)) {
            @Override
            public void connectionLost(Failure reason) {
                super.connectionLost(reason);
                if (!result.isCalled()) {
                    if (!connection.isStopped()) {
                        onClose.run();
                    }
                    Throwable refusal = made[0].hostKeyRefusal();
                    result.errback(refusal != null ? refusal
                            : new ConnectionLost("the SSH connection closed before the login ended",
                                    reason.value()));
                }
            }
        };
        made[0] = transport;
        Deferred<@Nullable SshAgentClient> agentReady = agentEndpoint == null ? Deferred.succeed(null)
                : Endpoints.connectProtocol(agentEndpoint, new SshAgentClient()).addErrback(failure -> null);
        agentReady.addCallbackDeferred(agent -> {
            if (agent != null) {
                auth.setAgent(agent);
                auth.authenticated().addBoth(done -> {
                    agent.disconnect();
                    return null;
                });
            }
            return Endpoints.connectProtocol(endpoint, transport);
        }).addCallbacks(connected -> {
            auth.authenticated().addCallbacks(ok -> {
                if (!result.isCalled()) {
                    result.callback(connection);
                }
                return null;
            }, failure -> {
                if (!result.isCalled()) {
                    result.errback(failure);
                }
                return null;
            });
            return null;
        }, failure -> {
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
    }

    /**
     * The host key algorithms, as OpenSSH orders them: host certificates first when an {@code @cert-authority}
     * line covers the host, then those of the keys known for the host.
     */
    private List<String> hostKeyAlgorithms(KnownHostsFile known) {
        List<String> algorithms = new ArrayList<>();
        if (known.hasCertificateAuthority(hostname, port)) {
            algorithms.addAll(SshClientTransport.HOST_CERTIFICATE_ALGORITHMS);
        }
        for (String type : known.knownKeyTypes(hostname, port)) {
            for (String algorithm : SshClientTransport.HOST_KEY_ALGORITHMS) {
                if (algorithm.equals(type) || type.equals("ssh-rsa") && algorithm.startsWith("rsa-sha2-")) {
                    algorithms.add(algorithm);
                }
            }
        }
        for (String algorithm : SshClientTransport.HOST_KEY_ALGORITHMS) {
            if (!algorithms.contains(algorithm)) {
                algorithms.add(algorithm);
            }
        }
        return algorithms;
    }
}
