package org.twisted4j.conch.userauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.agent.AgentIdentity;
import org.twisted4j.conch.agent.SshAgentClient;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.SshClientTransport;
import org.twisted4j.conch.transport.SshProtocolException;
import org.twisted4j.conch.transport.SshService;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.logger.Logger;

/**
 * The client side of {@code ssh-userauth} (RFC 4252, RFC 4256; Twisted's {@code SSHUserAuthClient}): it logs in
 * as one user, trying methods in OpenSSH's order, and on success starts the next service (the connection).
 *
 * <ol>
 *   <li>{@code none}, to learn which methods the server accepts;
 *   <li>{@code publickey}, each key in turn (an agent's first, {@link #setAgent}): a query without a signature
 *       first, and the signed request only for a key the server answers with {@code SSH_MSG_USERAUTH_PK_OK}; RSA keys sign with {@code rsa-sha2-512}
 *       or {@code rsa-sha2-256} as the server's {@code server-sig-algs} allow;
 *   <li>{@code keyboard-interactive}, each round of prompts answered by a {@link KeyboardInteractive} (by
 *       default: the password for every prompt that does not echo);
 *   <li>{@code password}, from a {@link PasswordSource}.
 * </ol>
 *
 * <p>A method is tried only while the server lists it as one that can continue; after a partial success the
 * next method the server asks for follows. When nothing is left, the client disconnects with
 * {@link DisconnectReason#NO_MORE_AUTH_METHODS_AVAILABLE} and {@link #authenticated()} fails with
 * {@link UnauthorizedLogin} naming the methods the server offered, as OpenSSH's "Permission denied".
 *
 * <pre>{@code
 * SshConnection connection = SshConnection.forClient(() -> {});
 * UserAuthClient auth = new UserAuthClient("alice", List.of(Key.fromFile(idFile, null)),
 *         PasswordSource.fixed("secret"), connection);
 * SshClientTransport transport = new SshClientTransport(new TransportConfig(), reactor, verifier, auth);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class UserAuthClient extends SshService {
    /** The methods tried, in this order (OpenSSH's {@code PreferredAuthentications} without GSSAPI). */
    public static final List<String> METHOD_ORDER = List.of("publickey", "keyboard-interactive", "password");
    /** How many times a password is asked for, per method: 3, OpenSSH's {@code NumberOfPasswordPrompts}. */
    public static final int DEFAULT_PASSWORD_ATTEMPTS = 3;
    /** The most prompts accepted in one keyboard-interactive request. */
    public static final int MAX_PROMPTS = 64;
    /** The most keyboard-interactive requests answered in one attempt. */
    public static final int MAX_INFO_REQUESTS = 32;

    private static final Logger LOG = Logger.forClass(UserAuthClient.class);

    /**
     * Where passwords come from (Twisted's {@code getPassword}): a fixed one, or a person asked at a prompt.
     */
    @FunctionalInterface
    public interface PasswordSource {
        /**
         * Asks for a password.
         *
         * @param prompt what to show, such as {@code alice@host's password: }
         * @return fires with the password, or with null to stop trying passwords
         */
        Deferred<@Nullable String> password(String prompt);

        /** A source that gives {@code password} each time it is asked. */
        static PasswordSource fixed(String password) {
            Objects.requireNonNull(password, "password");
            return prompt -> Deferred.succeed(password);
        }
    }

    /** One keyboard-interactive prompt: its text, and whether the answer may be shown as it is typed. */
    public record Prompt(String text, boolean echo) {
    }

    /** Answers keyboard-interactive prompts (Twisted's {@code getGenericAnswers}). */
    @FunctionalInterface
    public interface KeyboardInteractive {
        /**
         * Answers one round of prompts.
         *
         * @param name the request's name, often empty
         * @param instruction the request's instruction, often empty
         * @param prompts the prompts, possibly none
         * @return fires with one answer per prompt, or with null to give the method up
         */
        Deferred<@Nullable List<String>> answer(String name, String instruction, List<Prompt> prompts);
    }

    private enum State { NONE, PUBLICKEY_QUERY, PUBLICKEY_SIGNED, KEYBOARD, PASSWORD, ASKING, DONE }

    private final String user;
    private final List<Identity> identities = new ArrayList<>();
    private @Nullable SshAgentClient agent;
    private final @Nullable PasswordSource passwords;
    private final SshService next;
    private final Deferred<Void> authenticated = new Deferred<>();
    private final Set<String> givenUp = new HashSet<>();
    private @Nullable KeyboardInteractive keyboard;
    private Consumer<String> bannerHandler = text -> LOG.info("SSH banner: {banner}", "banner", text);
    private int passwordAttempts = DEFAULT_PASSWORD_ATTEMPTS;
    private List<String> canContinue = List.of();
    private State state = State.NONE;
    private int keyIndex;
    private int passwordsTried;
    private int keyboardTried;
    private int infoRequests;
    private @Nullable String succeededWith;

    /**
     * Makes the service.
     *
     * @param user the user name to log in as
     * @param keys keys with their private halves, tried in this order
     * @param passwords gives passwords for {@code password} and, by default, {@code keyboard-interactive}; or
     *     null for neither
     * @param next the service started once logged in, normally {@code SshConnection.forClient}
     * @throws IllegalArgumentException if a key has no private half
     */
    public UserAuthClient(String user, List<Key> keys, @Nullable PasswordSource passwords, SshService next) {
        this.user = Objects.requireNonNull(user, "user");
        for (Key key : keys) {
            if (key.isPublic()) {
                throw new IllegalArgumentException("the " + key.type().sshName() + " key has no private half");
            }
        }
        for (Key key : keys) {
            identities.add(new Identity(key.toPublic(), (algorithm, data) -> Deferred.succeed(key.sign(algorithm,
                    data))));
        }
        this.passwords = passwords;
        this.next = Objects.requireNonNull(next, "next");
        this.keyboard = passwords == null ? null : passwordAnswers(passwords);
    }

    /** Answers every prompt that does not echo with a password from the source, and those that do with "". */
    private static KeyboardInteractive passwordAnswers(PasswordSource source) {
        return (name, instruction, prompts) -> {
            Deferred<@Nullable List<String>> all = Deferred.succeed(new ArrayList<>());
            for (Prompt prompt : prompts) {
                all = all.addCallbackDeferred(answers -> {
                    if (answers == null) {
                        return Deferred.succeed(null);
                    }
                    if (prompt.echo()) {
                        answers.add("");
                        return Deferred.succeed(answers);
                    }
                    return source.password(prompt.text()).addCallback(password -> {
                        if (password == null) {
                            return null;
                        }
                        answers.add(password);
                        return answers;
                    });
                });
            }
            return all;
        };
    }

    /** A key to offer, and how to sign with it: here, or in an agent. */
    private record Identity(Key key, Signer signer) {
    }

    /** Signs with a key's private half, wherever it is. */
    @FunctionalInterface
    private interface Signer {
        Deferred<byte[]> sign(String algorithm, byte[] data);
    }

    /**
     * Sets an agent whose keys are offered before the key files' (OpenSSH's order), or null for none. The agent is
     * asked for its keys when the service starts; if it cannot answer, the login goes on without them.
     */
    public UserAuthClient setAgent(@Nullable SshAgentClient agentClient) {
        agent = agentClient;
        return this;
    }

    /** Sets who answers keyboard-interactive prompts, or null to skip the method. */
    public UserAuthClient setKeyboardInteractive(@Nullable KeyboardInteractive answers) {
        keyboard = answers;
        return this;
    }

    /** Sets what receives the server's banner; by default it is logged. */
    public UserAuthClient setBannerHandler(Consumer<String> handler) {
        bannerHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Sets how many times passwords (and keyboard-interactive rounds) are tried.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public UserAuthClient setPasswordAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts < 1");
        }
        passwordAttempts = attempts;
        return this;
    }

    /**
     * Returns a Deferred that fires once the server has accepted the login (the next service has started), or
     * fails with {@link UnauthorizedLogin} when every method is used up, or {@link ConnectionLost} if the
     * connection ends first.
     */
    public Deferred<Void> authenticated() {
        Deferred<Void> copy = new Deferred<>();
        authenticated.addCallbacks(ok -> {
            copy.callback(null);
            return null;
        }, failure -> {
            copy.errback(failure);
            return null;
        });
        return copy;
    }

    /** Returns the method that completed the login, or null before. */
    public @Nullable String succeededWith() {
        return succeededWith;
    }

    @Override
    public String name() {
        return "ssh-userauth";
    }

    @Override
    public void serviceStarted() {
        SshAgentClient keyAgent = agent;
        if (keyAgent == null) {
            send(request("none"));
            return;
        }
        keyAgent.requestIdentities().addCallbacks(held -> {
            List<Identity> fromAgent = new ArrayList<>();
            for (AgentIdentity identity : held) {
                Key key = identity.key();
                identities.removeIf(fromFile -> fromFile.key().equals(key));
                fromAgent.add(new Identity(key, (algorithm, data) -> keyAgent.sign(key, algorithm, data)));
            }
            identities.addAll(0, fromAgent);
            return null;
        }, failure -> {
            LOG.info("SSH agent's keys not available: {why}", "why", failure.getErrorMessage());
            return null;
        }).addBoth(done -> {
            if (!transport().isDisconnected()) {
                send(request("none"));
            }
            return null;
        });
    }

    @Override
    public void serviceStopped() {
        if (state != State.DONE && !authenticated.isCalled()) {
            state = State.DONE;
            authenticated.errback(new ConnectionLost("the connection ended before the login completed"));
        }
    }

    @Override
    public void packetReceived(int messageNumber, SshWire in) throws SshProtocolException {
        switch (messageNumber) {
            case UserAuthServer.MSG_USERAUTH_SUCCESS -> succeeded();
            case UserAuthServer.MSG_USERAUTH_FAILURE -> {
                canContinue = in.nameList();
                boolean partial = in.bool();
                failed(partial);
            }
            case UserAuthServer.MSG_USERAUTH_BANNER -> bannerHandler.accept(in.utf8());
            case UserAuthServer.MSG_USERAUTH_PK_OK -> {
                if (state == State.PUBLICKEY_QUERY) {
                    pkOk(in);
                } else if (state == State.KEYBOARD) {
                    infoRequest(in);
                } else {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Unexpected message 60");
                }
            }
            default -> throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected message " + messageNumber + " in user authentication");
        }
    }

    private void succeeded() throws SshProtocolException {
        if (state == State.DONE) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Unexpected USERAUTH_SUCCESS");
        }
        succeededWith = switch (state) {
            case PUBLICKEY_QUERY, PUBLICKEY_SIGNED -> "publickey";
            case KEYBOARD -> "keyboard-interactive";
            case PASSWORD -> "password";
            default -> "none";
        };
        state = State.DONE;
        transport().userAuthenticated();
        transport().setService(next);
        authenticated.callback(null);
    }

    private void failed(boolean partial) {
        switch (state) {
            case PUBLICKEY_QUERY, PUBLICKEY_SIGNED -> {
                if (partial) {
                    givenUp.add("publickey");
                }
                keyIndex++;
            }
            case KEYBOARD, PASSWORD -> {
                if (partial) {
                    givenUp.add(state == State.KEYBOARD ? "keyboard-interactive" : "password");
                }
            }
            case ASKING, DONE -> {
                return;
            }
            default -> {
            }
        }
        tryNext();
    }

    /** Sends the next attempt: the same method while it has more to try, else the next method in order. */
    private void tryNext() {
        for (String method : METHOD_ORDER) {
            if (!canContinue.contains(method) || givenUp.contains(method)) {
                continue;
            }
            boolean sent = switch (method) {
                case "publickey" -> tryKey();
                case "keyboard-interactive" -> tryKeyboard();
                default -> tryPassword();
            };
            if (sent) {
                return;
            }
            givenUp.add(method);
        }
        state = State.DONE;
        String offered = String.join(",", canContinue);
        // Disconnect first, so that whoever hears of the failure finds the connection already ending.
        transport().disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE,
                "No more authentication methods available");
        authenticated.errback(new UnauthorizedLogin("Permission denied (" + offered + ") for " + user));
    }

    private boolean tryKey() {
        while (keyIndex < identities.size()) {
            Key key = identities.get(keyIndex).key();
            String algorithm = signatureAlgorithm(key);
            if (algorithm != null) {
                state = State.PUBLICKEY_QUERY;
                send(request("publickey").bool(false).name(algorithm).string(key.publicBlob()));
                return true;
            }
            keyIndex++;
        }
        return false;
    }

    /** The algorithm a key signs with for this server, or null if the server takes none of the key's. */
    private @Nullable String signatureAlgorithm(Key key) {
        if (key.type() != KeyType.RSA) {
            return key.type().sshName();
        }
        List<String> accepted = transport() instanceof SshClientTransport client ? client.serverSigAlgs() : List.of();
        if (accepted.isEmpty() || accepted.contains("rsa-sha2-512")) {
            return "rsa-sha2-512";
        }
        return accepted.contains("rsa-sha2-256") ? "rsa-sha2-256" : null;
    }

    private void pkOk(SshWire in) throws SshProtocolException {
        Identity identity = identities.get(keyIndex);
        String algorithm = in.name();
        byte[] blob = in.string();
        if (!Arrays.equals(blob, identity.key().publicBlob())) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "PK_OK for a key not offered");
        }
        byte[] sessionId = transport().sessionId();
        byte[] signed = new SshWireWriter().string(sessionId).byteValue(UserAuthServer.MSG_USERAUTH_REQUEST)
                .utf8(user).name("ssh-connection").name("publickey").bool(true).name(algorithm)
                .string(blob).toByteArray();
        state = State.ASKING;
        identity.signer().sign(algorithm, signed).addCallbacks(signature -> {
            if (!transport().isDisconnected() && state == State.ASKING) {
                state = State.PUBLICKEY_SIGNED;
                send(request("publickey").bool(true).name(algorithm).string(blob).string(signature));
            }
            return null;
        }, failure -> {
            LOG.info("SSH key {fingerprint} could not sign: {why}", "fingerprint", identity.key()
                    .fingerprintSha256(), "why", failure.getErrorMessage());
            if (!transport().isDisconnected() && state == State.ASKING) {
                keyIndex++;
                tryNext();
            }
            return null;
        });
    }

    private boolean tryKeyboard() {
        if (keyboard == null || keyboardTried >= passwordAttempts) {
            return false;
        }
        keyboardTried++;
        infoRequests = 0;
        state = State.KEYBOARD;
        send(request("keyboard-interactive").utf8("").utf8(""));
        return true;
    }

    private void infoRequest(SshWire in) throws SshProtocolException {
        if (++infoRequests > MAX_INFO_REQUESTS) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Too many keyboard-interactive rounds");
        }
        String name = in.utf8();
        String instruction = in.utf8();
        in.name();
        long count = in.uint32();
        if (count > MAX_PROMPTS) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, count + " prompts in one request");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            prompts.add(new Prompt(in.utf8(), in.bool()));
        }
        KeyboardInteractive answers = Objects.requireNonNull(keyboard);
        state = State.ASKING;
        ask(answers.answer(name, instruction, List.copyOf(prompts)), list -> {
            if (list == null || list.size() != prompts.size()) {
                givenUp.add("keyboard-interactive");
                tryNext();
                return;
            }
            state = State.KEYBOARD;
            SshWireWriter response = new SshWireWriter().byteValue(UserAuthServer.MSG_USERAUTH_INFO_RESPONSE)
                    .uint32(list.size());
            for (String answer : list) {
                response.utf8(answer);
            }
            transport().sendPacket(response.toByteArray());
        });
    }

    private boolean tryPassword() {
        PasswordSource source = passwords;
        if (source == null || passwordsTried >= passwordAttempts) {
            return false;
        }
        passwordsTried++;
        state = State.ASKING;
        String host = String.valueOf(transport().transport().getPeer());
        ask(source.password(user + "@" + host + "'s password: "), password -> {
            if (password == null) {
                givenUp.add("password");
                tryNext();
                return;
            }
            state = State.PASSWORD;
            send(request("password").bool(false).utf8(password));
        });
        return true;
    }

    /** Waits for an answer from whoever was asked; a failure there gives the login up. */
    private <T> void ask(Deferred<T> question, Consumer<T> then) {
        question.addCallbacks(answer -> {
            if (!transport().isDisconnected() && state != State.DONE) {
                then.accept(answer);
            }
            return null;
        }, failure -> {
            giveUp(failure);
            return null;
        });
    }

    private void giveUp(Failure failure) {
        if (state == State.DONE || authenticated.isCalled()) {
            return;
        }
        state = State.DONE;
        transport().disconnect(DisconnectReason.AUTH_CANCELLED_BY_USER, "Authentication cancelled");
        authenticated.errback(failure);
    }

    private SshWireWriter request(String method) {
        return new SshWireWriter().byteValue(UserAuthServer.MSG_USERAUTH_REQUEST).utf8(user).name("ssh-connection")
                .name(method);
    }

    private void send(SshWireWriter packet) {
        transport().sendPacket(packet.toByteArray());
    }
}
