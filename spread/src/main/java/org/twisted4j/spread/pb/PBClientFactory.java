package org.twisted4j.spread.pb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Protocol;
import org.twisted4j.spread.jelly.Tuple;

/**
 * Connects to a Perspective Broker server and hands out its root object or a logged-in avatar: Twisted's
 * {@code pb.PBClientFactory}. {@link #getRootObject()} and {@link #login} may be called before the connection
 * is made; their Deferreds fire once it is, or fail if it is lost first.
 *
 * <pre>{@code
 * PBClientFactory factory = new PBClientFactory();
 * reactor.connectTCP("127.0.0.1", PB.PORT, factory);
 * factory.login(UsernamePassword.of("alice", "secret"), null)
 *     .addCallbackDeferred(avatar -> avatar.callRemote("whoami"));
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public final class PBClientFactory extends ClientFactory {
    private final Map<String, Supplier<? extends RemoteCopy>> copies = new LinkedHashMap<>();
    private final boolean unsafeTracebacks;
    private List<Deferred<RemoteReference>> rootObjectRequests = new ArrayList<>();
    private @Nullable Broker broker;
    private @Nullable RemoteReference root;

    /** A factory that sends no stack traces. */
    public PBClientFactory() {
        this(false);
    }

    /**
     * A factory.
     *
     * @param unsafeTracebacks whether failures sent to the server carry Java stack traces
     */
    public PBClientFactory(boolean unsafeTracebacks) {
        this.unsafeTracebacks = unsafeTracebacks;
    }

    /**
     * Registers the local class for a type name of the server's copyables or cacheables; see
     * {@link Broker#setUnjellyableForClass}.
     *
     * @param typeName the peer's type name
     * @param factory makes an empty local copy
     * @return this factory
     */
    public PBClientFactory setUnjellyableForClass(String typeName, Supplier<? extends RemoteCopy> factory) {
        copies.put(Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(factory, "factory"));
        return this;
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        Broker built = new Broker(true, unsafeTracebacks, copies, this::connected);
        built.setFactory(this);
        built.notifyOnDisconnect(() -> lost(built));
        return built;
    }

    private void connected(Broker connected) {
        broker = connected;
        RemoteReference reference = connected.remoteForName("root");
        root = reference;
        List<Deferred<RemoteReference>> waiting = rootObjectRequests;
        rootObjectRequests = new ArrayList<>();
        for (Deferred<RemoteReference> request : waiting) {
            request.callback(reference);
        }
    }

    private void lost(Broker which) {
        if (broker == null || broker == which) {
            failAll(new Failure(new PBConnectionLost("the connection to the PB server was lost")));
        }
    }

    private void failAll(Failure reason) {
        List<Deferred<RemoteReference>> waiting = rootObjectRequests;
        rootObjectRequests = new ArrayList<>();
        broker = null;
        root = null;
        for (Deferred<RemoteReference> request : waiting) {
            request.errback(reason);
        }
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        failAll(reason);
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        failAll(reason);
    }

    /**
     * The server's root object.
     *
     * @return a reference to it, at once if connected, else when the connection is made
     */
    public Deferred<RemoteReference> getRootObject() {
        Broker current = broker;
        RemoteReference reference = root;
        if (current != null && reference != null && !current.isDisconnected()) {
            return Deferred.succeed(reference);
        }
        Deferred<RemoteReference> request = new Deferred<>();
        rootObjectRequests.add(request);
        return request;
    }

    /**
     * Logs in to a server made with a {@link org.twisted4j.cred.Portal}: with {@link UsernamePassword}
     * credentials by the MD5 challenge (the password never crosses the wire), with {@link Anonymous}
     * anonymously.
     *
     * @param credentials a {@link UsernamePassword} or {@link Anonymous}
     * @param mind an object the server's realm receives (a {@link Referenceable} it can call back), or null
     * @return a reference to the avatar; fails with a {@link RemoteError} of type
     *     {@code twisted.cred.error.UnauthorizedLogin} on a wrong password
     * @throws IllegalArgumentException for other credentials
     */
    public Deferred<RemoteReference> login(Credentials credentials, @Nullable Object mind) {
        if (credentials instanceof UsernamePassword password) {
            return getRootObject()
                    .addCallbackDeferred(rootObject -> rootObject.callRemote("login",
                            password.username().getBytes(StandardCharsets.UTF_8)))
                    .addCallbackDeferred(answer -> {
                        List<?> challenge = answer instanceof Tuple tuple ? tuple.asList() : (List<?>) answer;
                        byte[] bytes = (byte[]) Objects.requireNonNull(challenge.get(0));
                        RemoteReference challenger = (RemoteReference) Objects.requireNonNull(challenge.get(1));
                        return challenger.callRemote("respond", PB.respond(bytes, password.password()), mind);
                    })
                    .addCallback(PBClientFactory::reference);
        }
        if (credentials instanceof Anonymous) {
            return getRootObject()
                    .addCallbackDeferred(rootObject -> rootObject.callRemote("loginAnonymous", mind))
                    .addCallback(PBClientFactory::reference);
        }
        throw new IllegalArgumentException("PB logs in with UsernamePassword or Anonymous, not " + credentials);
    }

    private static RemoteReference reference(@Nullable Object answer) {
        if (answer instanceof RemoteReference reference) {
            return reference;
        }
        throw new ProtocolError("the server answered a login with " + answer + ", not a reference");
    }

    /** Closes the connection, if there is one. */
    public void disconnect() {
        Broker current = broker;
        if (current != null) {
            current.loseConnection();
        }
    }
}
