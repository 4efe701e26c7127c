package org.twisted4j.conch.agent;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.endpoints.UNIXServerEndpoint;
import org.twisted4j.logger.Logger;

/**
 * An SSH agent (draft-miller-ssh-agent; Twisted's {@code SSHAgentServer}): one connection of a client such as
 * OpenSSH's {@code ssh-add} or {@code ssh}, served from an {@link AgentKeyring} that all connections share.
 *
 * <pre>{@code
 * AgentKeyring keyring = new AgentKeyring();
 * SshAgentServer.listen(reactor, Path.of("/run/user/1000/agent.sock"), keyring);
 * // SSH_AUTH_SOCK=/run/user/1000/agent.sock ssh-add ~/.ssh/id_ed25519
 * }</pre>
 *
 * <p>Requests: {@code REQUEST_IDENTITIES}, {@code SIGN_REQUEST} (ssh-ed25519, ecdsa-sha2-nistp256/384/521, and RSA
 * with {@code rsa-sha2-256}/{@code rsa-sha2-512} by their flags, {@code ssh-rsa} without), {@code ADD_IDENTITY}
 * (Ed25519, ECDSA and RSA private keys), {@code REMOVE_IDENTITY}, {@code REMOVE_ALL_IDENTITIES}, {@code LOCK} and
 * {@code UNLOCK}. Everything else, including keys added with constraints ({@code ssh-add -t}, {@code -c}) and
 * extensions, is answered {@code SSH_AGENT_FAILURE}; so is a request that does not parse.
 *
 * <h2>Bad input</h2>
 * A message longer than {@link SshAgentClient#MAX_MESSAGE} (256 KiB) or empty ends the connection, with one log
 * line; nothing a client sends raises an exception out of {@link #dataReceived}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SshAgentServer extends Protocol {
    private static final Logger LOG = Logger.forClass(SshAgentServer.class);

    private final AgentKeyring keyring;
    private final AgentCodec.Reader reader = new AgentCodec.Reader();
    private boolean closed;

    /**
     * Makes the protocol of one client connection.
     *
     * @param keyring the keys it serves
     */
    public SshAgentServer(AgentKeyring keyring) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** A factory whose connections all serve {@code keyring}. */
    public static Factory factory(AgentKeyring keyring) {
        Objects.requireNonNull(keyring, "keyring");
        return Factory.forProtocol(() -> new SshAgentServer(keyring));
    }

    /**
     * Listens on a UNIX socket, readable and writable by its owner only ({@code 0600}), as {@code ssh-agent -a}.
     *
     * @return fires with the listening port; stop it to stop serving
     */
    public static Deferred<ListeningPort> listen(ReactorUnix reactor, Path socket, AgentKeyring keyring) {
        return new UNIXServerEndpoint(reactor, socket, ReactorTCP.DEFAULT_BACKLOG, 0600, false)
                .listen(factory(keyring));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closed) {
            return;
        }
        try {
            reader.read(data, message -> transport().write(AgentCodec.frame(answer(message))));
        } catch (AgentException e) {
            LOG.info("agent connection closed: {why}", "why", e.getMessage());
            closed = true;
            transport().loseConnection();
        }
    }

    /** The answer to one message, its length left off; a message that does not parse is a failure. */
    SshWireWriter answer(byte[] message) {
        try {
            return handle(new SshWire(message));
        } catch (IllegalArgumentException | IllegalStateException | BadKeyException e) {
            // Malformed fields, a key the JDK refuses, or a signature it cannot make: the request fails, the
            // connection goes on.
            LOG.debug("agent request refused: {why}", "why", e.getMessage());
            return failure();
        }
    }

    private SshWireWriter handle(SshWire in) throws BadKeyException {
        int type = in.byteValue();
        return switch (type) {
            case AgentCodec.REQUEST_IDENTITIES -> identities();
            case AgentCodec.SIGN_REQUEST -> sign(in.string(), in.string(), in.uint32());
            case AgentCodec.ADD_IDENTITY -> {
                Key key = Key.readPrivateFields(in);
                String comment = in.utf8();
                yield status(in.atEnd() && keyring.add(key, comment));
            }
            case AgentCodec.REMOVE_IDENTITY -> {
                byte[] blob = in.string();
                yield status(in.atEnd() && keyring.remove(blob));
            }
            case AgentCodec.REMOVE_ALL_IDENTITIES -> status(keyring.removeAll());
            case AgentCodec.LOCK -> {
                byte[] passphrase = in.string();
                yield status(in.atEnd() && keyring.lock(passphrase));
            }
            case AgentCodec.UNLOCK -> {
                byte[] passphrase = in.string();
                yield status(in.atEnd() && keyring.unlock(passphrase));
            }
            default -> failure();
        };
    }

    private SshWireWriter identities() {
        List<AgentIdentity> held = keyring.identities();
        SshWireWriter out = new SshWireWriter().byteValue(AgentCodec.IDENTITIES_ANSWER).uint32(held.size());
        for (AgentIdentity identity : held) {
            out.string(identity.key().publicBlob()).utf8(identity.comment());
        }
        return out;
    }

    private SshWireWriter sign(byte[] blob, byte[] data, long flags) {
        Optional<Key> key = keyring.privateKey(blob);
        if (key.isEmpty()) {
            return failure();
        }
        KeyType type = key.get().type();
        String algorithm = type.sshName();
        if (type == KeyType.RSA) {
            if ((flags & AgentCodec.RSA_SHA2_512) != 0) {
                algorithm = "rsa-sha2-512";
            } else if ((flags & AgentCodec.RSA_SHA2_256) != 0) {
                algorithm = "rsa-sha2-256";
            }
        }
        return new SshWireWriter().byteValue(AgentCodec.SIGN_RESPONSE).string(key.get().sign(algorithm, data));
    }

    private static SshWireWriter status(boolean success) {
        return success ? new SshWireWriter().byteValue(AgentCodec.SUCCESS) : failure();
    }

    private static SshWireWriter failure() {
        return new SshWireWriter().byteValue(AgentCodec.FAILURE);
    }

    @Override
    public String toString() {
        return "SshAgentServer[" + keyring + "]";
    }
}
