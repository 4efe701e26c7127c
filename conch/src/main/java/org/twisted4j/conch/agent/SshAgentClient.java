package org.twisted4j.conch.agent;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;

/**
 * The client of an SSH agent (draft-miller-ssh-agent; Twisted's {@code SSHAgentClient}), such as OpenSSH's
 * {@code ssh-agent} on the UNIX socket named by {@code SSH_AUTH_SOCK}: it lists the keys the agent holds and asks
 * it to sign with one, the private key staying in the agent.
 *
 * <pre>{@code
 * SshAgentClient.connect(reactor, Path.of(System.getenv("SSH_AUTH_SOCK")))
 *     .addCallbackDeferred(SshAgentClient::requestIdentities);
 * }</pre>
 *
 * <p>Requests are answered in order; any number may wait. An answer longer than {@link #MAX_MESSAGE} or one that
 * does not parse ends the connection and fails what waits with {@link AgentException}; so does the agent's
 * {@code SSH_AGENT_FAILURE} for the one request it answers.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SshAgentClient extends Protocol {
    /** The longest message accepted: 256 KiB, as OpenSSH's {@code AGENT_MAX_LEN}. */
    public static final int MAX_MESSAGE = AgentCodec.MAX_MESSAGE;
    /** {@code SSH_AGENT_RSA_SHA2_256}: an RSA key signs with {@code rsa-sha2-256}. */
    public static final int RSA_SHA2_256 = AgentCodec.RSA_SHA2_256;
    /** {@code SSH_AGENT_RSA_SHA2_512}: an RSA key signs with {@code rsa-sha2-512}. */
    public static final int RSA_SHA2_512 = AgentCodec.RSA_SHA2_512;

    static final int FAILURE = AgentCodec.FAILURE;
    static final int REQUEST_IDENTITIES = AgentCodec.REQUEST_IDENTITIES;
    static final int IDENTITIES_ANSWER = AgentCodec.IDENTITIES_ANSWER;
    static final int SIGN_REQUEST = AgentCodec.SIGN_REQUEST;
    static final int SIGN_RESPONSE = AgentCodec.SIGN_RESPONSE;

    private static final Map<String, Integer> RSA_FLAGS = Map.of("rsa-sha2-256", RSA_SHA2_256, "rsa-sha2-512",
            RSA_SHA2_512, "ssh-rsa", 0);

    private final ArrayDeque<Deferred<SshWire>> waiting = new ArrayDeque<>();
    private final AgentCodec.Reader reader = new AgentCodec.Reader();
    private @Nullable String brokenBecause;

    /** Makes a client; connect it to an agent's socket. */
    public SshAgentClient() {
    }

    /** Connects to the agent listening on a UNIX socket. */
    public static Deferred<SshAgentClient> connect(ReactorUnix reactor, Path socket) {
        return Endpoints.connectProtocol(new UNIXClientEndpoint(reactor, socket), new SshAgentClient());
    }

    /**
     * Connects to the agent named by the environment variable {@code SSH_AUTH_SOCK}, as OpenSSH's tools do.
     *
     * @return fires with the client; fails with {@link AgentException} if the variable is not set
     */
    public static Deferred<SshAgentClient> connectFromEnvironment(ReactorUnix reactor) {
        String socket = System.getenv("SSH_AUTH_SOCK");
        if (socket == null || socket.isEmpty()) {
            return Deferred.fail(new AgentException("SSH_AUTH_SOCK is not set: no agent to ask"));
        }
        return connect(reactor, Path.of(socket));
    }

    /** Lists the agent's keys ({@code SSH_AGENTC_REQUEST_IDENTITIES}); keys this client cannot read are left out. */
    public Deferred<List<AgentIdentity>> requestIdentities() {
        return request(IDENTITIES_ANSWER, new SshWireWriter().byteValue(REQUEST_IDENTITIES)).addCallback(in -> {
            long count = in.uint32();
            if (count > in.remaining() / 8) {
                throw new AgentException("more keys announced than the answer holds");
            }
            List<AgentIdentity> identities = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                byte[] blob = in.string();
                String comment = in.utf8();
                try {
                    identities.add(new AgentIdentity(Key.fromPublicBlob(blob), comment));
                } catch (BadKeyException unsupported) {
                    // A DSA, security key or certificate: not one this client signs with.
                }
            }
            return identities;
        });
    }

    /**
     * Has the agent sign data ({@code SSH_AGENTC_SIGN_REQUEST}).
     *
     * @param key the key, one of {@link #requestIdentities()}
     * @param algorithm the signature algorithm: the key's type, or for RSA {@code rsa-sha2-256}/{@code -512}
     * @param data what to sign
     * @return fires with the signature in SSH wire form; fails with {@link AgentException} if the agent refuses
     */
    public Deferred<byte[]> sign(Key key, String algorithm, byte[] data) {
        int flags = RSA_FLAGS.getOrDefault(algorithm, 0);
        return request(SIGN_RESPONSE, new SshWireWriter().byteValue(SIGN_REQUEST).string(key.publicBlob())
                .string(data).uint32(flags)).addCallback(in -> {
                    byte[] signature = in.string();
                    String signedWith = new SshWire(signature).name();
                    if (!signedWith.equals(algorithm)) {
                        throw new AgentException("the agent signed with " + signedWith + ", not " + algorithm);
                    }
                    return signature;
                });
    }

    private Deferred<SshWire> request(int answer, SshWireWriter message) {
        if (brokenBecause != null || transport() == null || transport().isDisconnecting()) {
            return Deferred.fail(new AgentException("not connected to the agent"));
        }
        Deferred<SshWire> reply = new Deferred<>();
        waiting.add(reply);
        transport().write(AgentCodec.frame(message));
        return reply.addCallback(in -> {
            int type = in.byteValue();
            if (type == FAILURE) {
                throw new AgentException("the agent refused the request");
            }
            if (type != answer) {
                throw new AgentException("the agent answered with message " + type);
            }
            return in;
        });
    }

    /** Closes the connection to the agent. */
    public void disconnect() {
        transport().loseConnection();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (brokenBecause != null) {
            return;
        }
        try {
            reader.read(data, this::messageReceived);
        } catch (AgentException e) {
            broken(e.getMessage());
        }
    }

    private void messageReceived(byte[] message) {
        if (brokenBecause != null) {
            return;
        }
        Deferred<SshWire> reply = waiting.poll();
        if (reply == null) {
            broken("an agent message nobody asked for");
            return;
        }
        reply.callback(new SshWire(message));
    }

    private void broken(String why) {
        brokenBecause = why;
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        String why = brokenBecause != null ? brokenBecause : "the agent closed the connection";
        while (!waiting.isEmpty()) {
            waiting.poll().errback(new AgentException(why, new ConnectionLost(why)));
        }
    }

    @Override
    public String toString() {
        return "SshAgentClient[" + waiting.size() + " waiting" + (brokenBecause == null ? "" : ", broken") + "]";
    }
}
