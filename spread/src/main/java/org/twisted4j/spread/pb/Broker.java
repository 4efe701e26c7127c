package org.twisted4j.spread.pb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;
import org.twisted4j.spread.banana.Banana;
import org.twisted4j.spread.banana.BananaError;

/**
 * One Perspective Broker connection, protocol version 6: Twisted's {@code pb.Broker}, a Banana protocol whose
 * expressions are PB messages ({@code message}, {@code answer}, {@code error}, {@code decref},
 * {@code decache}, {@code uncache}, {@code cachemessage}, {@code didNotUnderstand}), wire-compatible with
 * Python Twisted.
 *
 * <p>The broker keeps the tables of one connection: the objects this side lent the peer (with their
 * reference counts, at most {@link #MAX_BROKER_REFS}), the caches of this side's {@link Cacheable}s the peer
 * holds, the peer's caches held here, and the calls waiting for an answer. {@link PBServerFactory} and
 * {@link PBClientFactory} make brokers; an application meets one as the first argument of
 * {@link Referenceable#remoteMessageReceived} or through {@link RemoteReference#broker()}.
 *
 * <h2>Errors</h2>
 * An exception thrown by a remote method, or the failure of its Deferred, goes back to the caller as a
 * {@link CopyableFailure} (without a stack trace unless the factory's {@code unsafeTracebacks} is on) and is
 * logged here, except {@link PBError}s, which are meant for the caller. What the peer sends that breaks the
 * protocol (an expression that is not a list, a message of the wrong shape, an answer to no call, a reference
 * to an unknown object, a version other than 6) drops the connection with one log line.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 */
public final class Broker extends Banana {
    /** The PB protocol version this broker speaks, sent first on every connection: {@value}. */
    public static final int VERSION = 6;

    /**
     * The most references (and, apart, caches) a peer may hold on one connection: {@value}. Sending one more
     * fails that send with a {@link PBError}; after three such failures the connection is dropped.
     */
    public static final int MAX_BROKER_REFS = 1024;

    private static final Logger LOG = Logger.forClass(Broker.class);

    private final PbJelly jelly;
    private final boolean unsafeTracebacks;
    private final @Nullable Consumer<Broker> onReady;
    private boolean disconnected;
    private boolean ready;
    private boolean dropped;
    private List<Runnable> disconnects = new ArrayList<>();
    private final ObjectTables tables = new ObjectTables();
    private final ConcurrentLinkedQueue<Object> releasedReferences = new ConcurrentLinkedQueue<>();
    private final Map<Long, Deferred<@Nullable Object>> waitingForAnswers = new LinkedHashMap<>();
    private long currentRequestId;
    private int maxBrokerRefsViolations;
    private @Nullable Object serializingPerspective;
    private @Nullable Object unserializingPerspective;

    /**
     * Creates a broker. Factories do this; tests and custom factories may too.
     *
     * @param isClient whether this side connected (the client picks the Banana dialect)
     * @param unsafeTracebacks whether failures sent to the peer carry stack traces
     * @param copies the factories for the peer's copyable and cacheable type names
     * @param onReady called once the Banana dialect is agreed and the version sent, or {@code null}
     */
    public Broker(boolean isClient, boolean unsafeTracebacks, Map<String, Supplier<? extends RemoteCopy>> copies,
            @Nullable Consumer<Broker> onReady) {
        super(isClient);
        this.unsafeTracebacks = unsafeTracebacks;
        this.onReady = onReady;
        this.jelly = new PbJelly(this);
        jelly.setUnjellyableForClass(CopyableFailure.TYPE_NAME, CopyableFailure.Copied::new);
        copies.forEach(jelly::setUnjellyableForClass);
    }

    /**
     * Registers the local class for a type name the peer's {@link Copyable}s or {@link Cacheable}s use (in
     * Python, the module path of the class, such as {@code __main__.Pond}): Twisted's
     * {@code setUnjellyableForClass}, for this connection only. A supplier of {@link RemoteCache}s makes the
     * type a cache.
     *
     * @param typeName the peer's type name
     * @param factory makes an empty local copy, which then receives the state
     */
    public void setUnjellyableForClass(String typeName, Supplier<? extends RemoteCopy> factory) {
        jelly.setUnjellyableForClass(typeName, factory);
    }

    /**
     * Publishes {@code object} under a name the peer can reach with {@link #remoteForName}; the factories
     * publish the root object as {@code "root"}. Twisted's {@code setNameForLocal}.
     *
     * @param name the name
     * @param object a referenceable
     */
    public void setNameForLocal(String name, Referenceable object) {
        tables.setName(name, object);
    }

    /**
     * A reference to the object the peer published under {@code name}; not counted, and not checked until
     * used. Twisted's {@code remoteForName}.
     *
     * @param name the name, such as {@code "root"}
     * @return the reference
     */
    public RemoteReference remoteForName(String name) {
        return new RemoteReference(null, this, name, false);
    }

    /**
     * Whether the connection has ended.
     *
     * @return true once the connection is lost
     */
    public boolean isDisconnected() {
        return disconnected;
    }

    /**
     * How many objects this side lends the peer right now (published names included).
     *
     * @return the size of the local object table
     */
    public int localObjectCount() {
        return tables.localCount();
    }

    /**
     * Asks to be told when the connection ends; runs at once (later, on this thread) if it already has.
     *
     * @param notifier called once when the connection is lost
     */
    public void notifyOnDisconnect(Runnable notifier) {
        if (disconnected) {
            runGuarded("a disconnect notification", notifier);
        } else {
            disconnects.add(notifier);
        }
    }

    /**
     * Withdraws a notifier given to {@link #notifyOnDisconnect}.
     *
     * @param notifier the notifier to remove
     */
    public void dontNotifyOnDisconnect(Runnable notifier) {
        disconnects.remove(notifier);
    }

    // ---- the connection -------------------------------------------------------------------------------------

    @Override
    protected void connectionReady() {
        sendCall("version", (long) VERSION);
        ready = true;
        if (onReady != null) {
            runGuarded("the connection notification", () -> onReady.accept(this));
        }
    }

    /**
     * Whether the Banana dialect is agreed and the version sent.
     *
     * @return true once the broker can send calls
     */
    public boolean isReady() {
        return ready;
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        disconnected = true;
        List<Deferred<@Nullable Object>> waiting = new ArrayList<>(waitingForAnswers.values());
        waitingForAnswers.clear();
        for (Deferred<@Nullable Object> call : waiting) {
            call.errback(new PBConnectionLost(String.valueOf(reason.value().getMessage())));
        }
        for (Local local : tables.remotelyCachedEntries()) {
            Cacheable cacheable = (Cacheable) local.object;
            runGuarded("stoppedObserving", () -> cacheable.stoppedObserving(local.perspective,
                    new RemoteCacheObserver(this, cacheable, local.perspective)));
        }
        List<Runnable> notifiers = disconnects;
        disconnects = new ArrayList<>();
        for (Runnable notifier : new ArrayList<>(notifiers)) {
            runGuarded("a disconnect notification", notifier);
        }
        tables.clear();
    }

    /** Runs application code, logging (never passing on) what it throws. */
    void runGuarded(String what, Runnable code) {
        try {
            code.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.failure("Error in " + what + " of a PB connection", new Failure(e));
        }
    }

    // ---- receiving ------------------------------------------------------------------------------------------

    @Override
    protected void expressionReceived(Object sexp) {
        if (dropped) {
            return;
        }
        sendReleased();
        try {
            dispatch(sexp);
        } catch (ProtocolError | ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            drop(e.toString());
        }
    }

    /** Closes the connection for bad input, with one log line, and ignores whatever else arrives. */
    private void drop(String why) {
        dropped = true;
        LOG.warn("Dropping PB connection from {peer}: {error}", "peer", transport().getPeer(), "error", why);
        loseConnection();
    }

    private void dispatch(Object sexp) {
        if (!(sexp instanceof List<?> list) || list.isEmpty()) {
            throw new ProtocolError("Non-list expression received.");
        }
        String command = Messages.string(list.get(0));
        switch (command) {
            case "version" -> {
                Messages.arity(list, 1);
                if (!(list.get(1) instanceof Number n) || n.longValue() != VERSION || n instanceof Double) {
                    throw new ProtocolError("Version Incompatibility: " + VERSION + " " + list.get(1));
                }
            }
            case "message", "cachemessage" -> {
                Messages.arity(list, 6);
                receiveMessage(command.equals("cachemessage"), Messages.requestId(list.get(1)),
                        Messages.objectId(list.get(2)), Messages.string(list.get(3)), Messages.truth(list.get(4)),
                        list.get(5), list.get(6));
            }
            case "answer" -> {
                Messages.arity(list, 2);
                Deferred<@Nullable Object> call = waitingFor(list.get(1));
                Object result;
                try {
                    result = unserialize(list.get(2), null);
                } catch (RuntimeException e) {
                    call.errback(e);
                    return;
                }
                call.callback(result);
            }
            case "error" -> {
                Messages.arity(list, 2);
                Deferred<@Nullable Object> call = waitingFor(list.get(1));
                Throwable error;
                try {
                    error = CopyableFailure.received(unserialize(list.get(2), null));
                } catch (RuntimeException e) {
                    error = e;
                }
                call.errback(error);
            }
            case "decref" -> {
                Messages.arity(list, 1);
                decref(Messages.objectId(list.get(1)));
            }
            case "decache" -> {
                Messages.arity(list, 1);
                decache(Messages.objectId(list.get(1)));
            }
            case "uncache" -> {
                Messages.arity(list, 1);
                RemoteCache cache = tables.uncache(Messages.objectId(list.get(1)));
                if (cache == null) {
                    throw new ProtocolError("uncache of an unknown cache " + list.get(1));
                }
                cache.broker = null;
            }
            case "didNotUnderstand" -> LOG.info("Didn't understand command: {command}", "command",
                    list.size() > 1 ? String.valueOf(CopyableFailure.text(list.get(1))) : "");
            default -> sendCall("didNotUnderstand", command);
        }
    }

    private Deferred<@Nullable Object> waitingFor(@Nullable Object atom) {
        Deferred<@Nullable Object> call = waitingForAnswers.remove(Messages.requestId(atom));
        if (call == null) {
            throw new ProtocolError("answer to no call: " + atom);
        }
        return call;
    }

    private void receiveMessage(boolean cache, long requestId, Object objectId, String message,
            boolean answerRequired, @Nullable Object netArgs, @Nullable Object netKw) {
        Object result;
        @Nullable Object perspective = null;
        try {
            Object target = cache ? tables.locallyCached(objectId) : tables.local(objectId);
            if (target == null) {
                throw new PBError("Invalid Object ID");
            }
            perspective = Messages.perspectiveOf(target);
            List<@Nullable Object> args = Messages.arguments(unserialize(netArgs, perspective));
            Map<String, @Nullable Object> kw = Messages.keywords(unserialize(netKw, perspective));
            result = Messages.call(this, target, message, args, kw);
            if (!(result instanceof Deferred<?>)) {
                result = serialize(result, perspective);
            }
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            failed(e, requestId, answerRequired);
            return;
        } catch (Exception | LinkageError | AssertionError e) {
            // whatever application code throws goes to the caller, never up to the reactor
            failed(e, requestId, answerRequired);
            return;
        }
        if (!answerRequired) {
            if (result instanceof Deferred<?> deferred) {
                deferred.addErrback(failure -> {
                    failed(failure.value(), requestId, false);
                    return null;
                });
            }
            return;
        }
        if (result instanceof Deferred<?> deferred) {
            @Nullable Object answerPerspective = perspective;
            deferred.addCallbacks(value -> {
                Object net;
                try {
                    net = serialize(value, answerPerspective);
                } catch (RuntimeException e) {
                    failed(e, requestId, true);
                    return null;
                }
                sendAnswer(requestId, net);
                return null;
            }, failure -> {
                failed(failure.value(), requestId, true);
                return null;
            });
        } else {
            sendAnswer(requestId, result);
        }
    }

    private void failed(Throwable error, long requestId, boolean answerRequired) {
        if (!(error instanceof PBError) && !(error instanceof LoginFailed)) {
            LOG.failure(answerRequired ? "Peer will receive following PB traceback:" : "Error in a PB call",
                    new Failure(error));
        }
        if (answerRequired && !disconnected) {
            sendCall("error", requestId, serialize(new CopyableFailure(error, unsafeTracebacks), null));
        }
    }

    private void sendAnswer(long requestId, @Nullable Object net) {
        if (!disconnected) {
            try {
                sendCall("answer", requestId, net);
            } catch (BananaError e) {
                failed(e, requestId, true);   // too large for Banana: the caller gets that instead
            }
        }
    }

    // ---- sending --------------------------------------------------------------------------------------------

    /** Sends one PB expression; strings go as bytes, as Twisted sends them. */
    void sendCall(String command, @Nullable Object... arguments) {
        List<@Nullable Object> expression = new ArrayList<>(arguments.length + 1);
        expression.add(command.getBytes(UTF_8));
        for (Object argument : arguments) {
            expression.add(argument instanceof String s ? s.getBytes(UTF_8) : argument);
        }
        sendEncoded(expression);
    }

    Deferred<@Nullable Object> sendMessage(String prefix, @Nullable Object perspective, Object objectId,
            String message, List<? extends @Nullable Object> args, Map<String, ? extends @Nullable Object> kw,
            boolean answerRequired) {
        if (disconnected) {
            return Deferred.fail(new DeadReferenceError("Calling Stale Broker"));
        }
        Object netArgs;
        Object netKw;
        try {
            netArgs = serialize(PbJelly.tuple(args.toArray()), perspective);
            netKw = serialize(new LinkedHashMap<>(kw), perspective);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        sendReleased();
        long requestId = ++currentRequestId;
        try {
            sendCall(prefix, requestId, objectId, message, answerRequired ? 1L : 0L, netArgs, netKw);
        } catch (BananaError e) {
            return Deferred.fail(e);   // too large for Banana: nothing was written
        }
        Deferred<@Nullable Object> answer = new Deferred<>();
        if (answerRequired) {
            waitingForAnswers.put(requestId, answer);
        } else {
            answer.callback(null);
        }
        return answer;
    }

    Deferred<@Nullable Object> sendCacheMessage(Cacheable cached, @Nullable Object perspective, String message,
            List<? extends @Nullable Object> args, Map<String, ? extends @Nullable Object> kw) {
        if (disconnected) {
            return Deferred.fail(new DeadReferenceError("Calling Stale Broker"));
        }
        Long cacheId = tables.cachedRemotelyAs(cached, false);
        if (cacheId == null) {
            return Deferred.fail(new ProtocolError(
                    "You can't call a cached method when the object hasn't been given to the peer yet."));
        }
        return sendMessage("cachemessage", perspective, cacheId, message, args, kw, true);
    }

    /**
     * The action that gives back one reference: queues its {@code decref}, to be sent from the reactor thread.
     * It may run on the cleaner's thread, so it touches nothing but the queue.
     */
    Runnable decrefLater(Object luid) {
        ConcurrentLinkedQueue<Object> queue = releasedReferences;
        return () -> queue.add(luid);
    }

    /** Sends the {@code decref}s queued by released or collected references. */
    void sendReleased() {
        Object luid;
        while ((luid = releasedReferences.poll()) != null) {
            if (!disconnected && ready) {
                sendCall("decref", luid);
            }
        }
    }

    void releaseCache(RemoteCache cache) {
        Object luid = cache.luid;
        int references = cache.references;
        cache.references = 0;
        if (!disconnected && luid != null) {
            for (int i = 0; i < references; i++) {
                sendCall("decache", luid);
            }
        }
    }

    // ---- tables ---------------------------------------------------------------------------------------------

    private void decref(Object luid) {
        Runnable cleanup = tables.decref(luid);
        if (cleanup != null) {
            runGuarded("the logout", cleanup);
        }
    }

    private void decache(Object luid) {
        Local forgotten = tables.decache(luid);
        if (forgotten != null) {
            Cacheable cacheable = (Cacheable) forgotten.object;
            runGuarded("stoppedObserving", () -> cacheable.stoppedObserving(forgotten.perspective,
                    new RemoteCacheObserver(this, cacheable, forgotten.perspective)));
            sendCall("uncache", luid);
        }
    }

    /** Lends {@code target} to the peer (again), returning its luid: Twisted's {@code registerReference}. */
    long registerReference(Object target, Local.Identity identity, @Nullable Object perspective) {
        Long luid = tables.lendAgain(identity);
        if (luid != null) {
            return luid;
        }
        checkLimit(tables.localCount(), "reference");
        return tables.lend(target, identity, perspective);
    }

    private void checkLimit(int size, String what) {
        if (size > MAX_BROKER_REFS) {
            if (++maxBrokerRefsViolations > 3) {
                drop("too many " + what + "s");
                throw new PBError("Maximum PB " + what + " count exceeded.  Goodbye.");
            }
            throw new PBError("Maximum PB " + what + " count exceeded.");
        }
    }

    /** The cache luid of {@code cacheable} if the peer holds it, counting one more reference; else null. */
    @Nullable Long cachedRemotelyAs(Cacheable cacheable) {
        return tables.cachedRemotelyAs(cacheable, true);
    }

    long cacheRemotely(Cacheable cacheable, @Nullable Object perspective) {
        checkLimit(tables.cacheCount(), "cache");
        return tables.cacheRemotely(cacheable, perspective);
    }

    @Nullable Object remotelyCachedForLuid(Object luid) {
        return tables.remotelyCached(luid);
    }

    /** The object the peer names with a {@code local} reference (one this side lent it). */
    @Nullable Object localObjectForReference(Object luid) {
        Object object = tables.local(luid);
        return switch (object) {
            case AsPerspective p -> p.perspective();
            case ViewPoint v -> v.object();
            case null -> null;
            default -> object;
        };
    }

    /** Keeps a cache the peer sent, or gives back the one already kept, counting one more reference. */
    RemoteCache cacheLocally(Object luid, RemoteCache fresh) {
        return tables.cacheLocally(this, luid, fresh);
    }

    @Nullable RemoteCache cachedLocallyAs(Object luid) {
        RemoteCache cache = tables.locallyCached(luid);
        if (cache != null) {
            cache.references++;
        }
        return cache;
    }

    /** Runs {@code cleanup} once, when the peer drops its last reference to {@code avatar} or disconnects. */
    void cleanupWhenReleased(Object avatar, Runnable cleanup) {
        tables.cleanupWhenReleased(avatar, cleanup);
    }

    @Nullable Object serializingPerspective() {
        return serializingPerspective;
    }

    @Nullable Object unserializingPerspective() {
        return unserializingPerspective;
    }

    /** Jellies {@code value} for the peer, as the call for {@code perspective}: Twisted's {@code serialize}. */
    @Nullable Object serialize(@Nullable Object value, @Nullable Object perspective) {
        Object saved = serializingPerspective;
        serializingPerspective = perspective;
        try {
            return jelly.jelly(value);
        } finally {
            serializingPerspective = saved;
        }
    }

    /** Unjellies what the peer sent: Twisted's {@code unserialize}. */
    @Nullable Object unserialize(@Nullable Object sexp, @Nullable Object perspective) {
        Object saved = unserializingPerspective;
        unserializingPerspective = perspective;
        try {
            return jelly.unjelly(sexp);
        } finally {
            unserializingPerspective = saved;
        }
    }

    RemoteReference newRemoteReference(Object luid) {
        return new RemoteReference(unserializingPerspective, this, luid, true);
    }

    boolean unsafeTracebacks() {
        return unsafeTracebacks;
    }
}
