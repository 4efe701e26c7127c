package org.twisted4j.spread.pb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * Serves Perspective Broker: each connection gets a {@link Broker} whose object {@code "root"} comes from the
 * given {@link PBRoot}, or, given a {@link Portal}, a login root that checks {@code pb.respond}-style MD5
 * challenge answers and hands out {@link Perspective} avatars. Twisted's {@code pb.PBServerFactory}.
 *
 * <pre>{@code
 * reactor.listenTCP(PB.PORT, new PBServerFactory(new Echoer()));
 * Endpoints.serverFromString(reactor, "tcp:8789").listen(new PBServerFactory(portal));
 * }</pre>
 *
 * <p>Threading: configure it before listening; it then belongs to the reactor thread.
 */
public final class PBServerFactory extends Factory {
    private final PBRoot root;
    private final Map<String, Supplier<? extends RemoteCopy>> copies = new LinkedHashMap<>();
    private boolean unsafeTracebacks;

    /**
     * Serves {@code root} (for a {@link Root}, the object itself) on every connection.
     *
     * @param root gives each connection its root object
     */
    public PBServerFactory(PBRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Serves logins to {@code portal}; the realm must give {@link Perspective} avatars.
     *
     * @param portal the portal logins go to
     */
    public PBServerFactory(Portal portal) {
        this(new PortalRoot(Objects.requireNonNull(portal, "portal")));
    }

    /**
     * Whether failures sent to clients carry Java stack traces; off by default, as in Twisted.
     *
     * @param unsafe true to send stack traces
     * @return this factory
     */
    public PBServerFactory setUnsafeTracebacks(boolean unsafe) {
        this.unsafeTracebacks = unsafe;
        return this;
    }

    /**
     * Registers the local class for a type name of the clients' copyables or cacheables, on every
     * connection; see {@link Broker#setUnjellyableForClass}.
     *
     * @param typeName the peer's type name
     * @param factory makes an empty local copy
     * @return this factory
     */
    public PBServerFactory setUnjellyableForClass(String typeName, Supplier<? extends RemoteCopy> factory) {
        copies.put(Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(factory, "factory"));
        return this;
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        Broker broker = new Broker(false, unsafeTracebacks, copies, null);
        broker.setFactory(this);
        broker.setNameForLocal("root", root.rootObject(broker));
        return broker;
    }
}
