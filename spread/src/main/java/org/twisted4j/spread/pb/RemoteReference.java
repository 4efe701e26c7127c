package org.twisted4j.spread.pb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.lang.ref.Cleaner;
import java.lang.ref.Cleaner.Cleanable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * A reference to an object on the other side of a connection, whose remote methods are called with
 * {@link #callRemote}: Twisted's {@code pb.RemoteReference}. The peer's object may be a referenceable, an
 * avatar or a view point; the reference does not say which.
 *
 * <pre>{@code
 * factory.getRootObject()
 *     .addCallbackDeferred(root -> root.callRemote("add", 1, 2))
 *     .addCallback(sum -> { System.out.println(sum); return null; });
 * }</pre>
 *
 * <h2>Reference counting</h2>
 * The peer counts each reference it sends; {@link #release()} gives this one back ({@code decref}), after which
 * the peer may forget the object. Python does this when its proxy is garbage-collected; here a reference that
 * becomes unreachable is given back too, but only once the garbage collector finds it, which may be much
 * later: release references you no longer need. The root object's reference is not counted.
 *
 * <h2>Threading</h2>
 * Reactor thread only: call it from the thread of the connection it came on.
 */
public final class RemoteReference implements Jellyable {
    private final Broker broker;
    private final Object luid;
    private final @Nullable Object perspective;
    private static final Cleaner CLEANER = Cleaner.create();

    private final @Nullable Cleanable decref;
    private @Nullable List<Consumer<RemoteReference>> disconnectCallbacks;
    private final Runnable onBrokerLost = this::disconnected;

    RemoteReference(@Nullable Object perspective, Broker broker, Object luid, boolean doRefCount) {
        this.perspective = perspective;
        this.broker = broker;
        this.luid = luid;
        this.decref = doRefCount ? CLEANER.register(this, broker.decrefLater(luid)) : null;
    }

    /**
     * Calls a remote method with positional arguments.
     *
     * @param name the method name (in Python, {@code remote_name} or {@code perspective_name})
     * @param args the arguments; anything Jelly can send, and Referenceables, Copyables and Cacheables
     * @return the answer; fails with {@link RemoteError} when the remote method raised, with
     *     {@link DeadReferenceError} when the connection is already gone, with {@link PBConnectionLost} when
     *     it goes before the answer arrives
     */
    public Deferred<@Nullable Object> callRemote(String name, @Nullable Object... args) {
        return callRemote(name, Arrays.asList(args.clone()), Map.of());
    }

    /**
     * Calls a remote method with positional and keyword arguments.
     *
     * @param name the method name
     * @param args the positional arguments
     * @param kw the keyword arguments
     * @return the answer, as {@link #callRemote(String, Object...)}
     */
    public Deferred<@Nullable Object> callRemote(String name, List<? extends @Nullable Object> args,
            Map<String, ? extends @Nullable Object> kw) {
        return broker.sendMessage("message", perspective, luid, name, args, kw, true);
    }

    /**
     * Calls a remote method without asking for an answer ({@code answerRequired} false): the peer sends
     * nothing back, not even an error.
     *
     * @param name the method name
     * @param args the positional arguments
     */
    public void callRemoteNoAnswer(String name, @Nullable Object... args) {
        broker.sendMessage("message", perspective, luid, name, Arrays.asList(args.clone()), Map.of(), false);
    }

    /**
     * Asks to be told when this reference's connection ends; the callback gets this reference.
     *
     * @param callback called once, on the reactor thread, when the connection is lost
     */
    public void notifyOnDisconnect(Consumer<RemoteReference> callback) {
        List<Consumer<RemoteReference>> callbacks = disconnectCallbacks;
        if (callbacks == null) {
            callbacks = new ArrayList<>();
            disconnectCallbacks = callbacks;
        }
        callbacks.add(callback);
        if (callbacks.size() == 1) {
            broker.notifyOnDisconnect(onBrokerLost);
        }
    }

    /**
     * Withdraws a callback given to {@link #notifyOnDisconnect}.
     *
     * @param callback the callback to remove
     */
    public void dontNotifyOnDisconnect(Consumer<RemoteReference> callback) {
        List<Consumer<RemoteReference>> callbacks = disconnectCallbacks;
        if (callbacks != null && callbacks.remove(callback) && callbacks.isEmpty()) {
            broker.dontNotifyOnDisconnect(onBrokerLost);
        }
    }

    private void disconnected() {
        List<Consumer<RemoteReference>> callbacks = disconnectCallbacks;
        disconnectCallbacks = null;
        if (callbacks != null) {
            for (Consumer<RemoteReference> callback : callbacks) {
                broker.runGuarded("a disconnect notification", () -> callback.accept(this));
            }
        }
    }

    /**
     * Gives this reference back to the peer ({@code decref}) now; calling it again does nothing. A reference
     * that becomes unreachable without being released is given back too, with the next message its
     * connection sends or receives after the garbage collector finds it.
     */
    public void release() {
        if (decref != null) {
            decref.clean();
            broker.sendReleased();
        }
    }

    /**
     * The broker this reference was received through.
     *
     * @return the broker
     */
    public Broker broker() {
        return broker;
    }

    /**
     * The id the peer gave the object: a number, or a name such as {@code "root"}.
     *
     * @return the id
     */
    public Object luid() {
        return luid;
    }

    /**
     * Sent back to the peer over its own connection, the reference becomes the peer's object again
     * ({@code local}); called by Jelly.
     *
     * @param jellier the run of Jelly
     * @return the s-expression
     * @throws org.twisted4j.spread.jelly.InsecureJelly over another connection
     */
    @Override
    public Object jellyFor(Jellier jellier) {
        return PbJelly.remoteReference(this, jellier);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RemoteReference r && r.broker == broker && r.luid.equals(luid);
    }

    @Override
    public int hashCode() {
        return luid.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteReference[" + luid + "]";
    }
}
