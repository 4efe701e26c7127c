package org.twisted4j.spread.pb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.InsecureJelly;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jelly;
import org.twisted4j.spread.jelly.JellyRegistry;
import org.twisted4j.spread.jelly.SecurityOptions;
import org.twisted4j.spread.jelly.Tuple;
import org.twisted4j.spread.jelly.Unjellier;

/**
 * Jelly as one broker uses it: the broker as invoker, the PB atoms ({@code remote}, {@code local},
 * {@code cached}, {@code lcache}) and this connection's copyable class names registered and allowed, and the
 * s-expressions of the PB flavours (Twisted's {@code jellyFor} methods of {@code flavors.py}).
 */
final class PbJelly {
    private final Broker broker;
    private final JellyRegistry registry = new JellyRegistry();
    private final SecurityOptions security = SecurityOptions.basic();

    PbJelly(Broker broker) {
        this.broker = broker;
        security.allowTypes("remote", "local", "cached", "lcache");
        registry.register("remote", (unjellier, sexp) -> broker.newRemoteReference(luid(sexp, 1)));
        registry.register("local", (unjellier, sexp) -> broker.localObjectForReference(luid(sexp, 1)));
        registry.register("cached", (unjellier, sexp) -> {
            RemoteCache cache = broker.cachedLocallyAs(luid(sexp, 1));
            if (cache == null) {
                throw new InsecureJelly("no cache " + sexp.get(1));
            }
            return cache;
        });
        registry.register("lcache", (unjellier, sexp) -> {
            Object cacheable = broker.remotelyCachedForLuid(luid(sexp, 1));
            if (cacheable == null) {
                throw new InsecureJelly("no cacheable " + sexp.get(1));
            }
            return cacheable;
        });
    }

    static Tuple tuple(@Nullable Object... items) {
        return Tuple.of(items);
    }

    private static Object luid(List<Object> sexp, int index) {
        if (sexp.size() <= index) {
            throw new InsecureJelly("a PB reference without its id");
        }
        Object id = sexp.get(index);
        if (id instanceof Long || id instanceof byte[]) {
            return id instanceof byte[] bytes ? new String(bytes, UTF_8) : id;
        }
        throw new InsecureJelly("a PB reference id must be an int or a name");
    }

    void setUnjellyableForClass(String typeName, Supplier<? extends RemoteCopy> factory) {
        security.allowInstancesOf(typeName);
        registry.register(typeName, (unjellier, sexp) -> {
            RemoteCopy copy = factory.get();
            if (copy instanceof RemoteCache cache) {
                if (sexp.size() != 3) {
                    throw new InsecureJelly("a cache is [type, id, state]");
                }
                RemoteCache kept = broker.cacheLocally(luid(sexp, 1), cache);
                if (kept == cache) {
                    cache.setCopyableState(state(unjellier, sexp.get(2)));
                }
                return kept;
            }
            if (sexp.size() != 2) {
                throw new InsecureJelly("a copy is [type, state]");
            }
            copy.setCopyableState(state(unjellier, sexp.get(1)));
            return copy;
        });
    }

    private static Map<String, @Nullable Object> state(Unjellier unjellier, @Nullable Object sexp) {
        if (!(unjellier.unjelly(sexp) instanceof Map<?, ?> map)) {
            throw new InsecureJelly("the state of a copy must be a dictionary");
        }
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key instanceof String s) {
                state.put(s, value);
            } else if (key instanceof byte[] bytes) {
                state.put(new String(bytes, UTF_8), value);
            } else {
                throw new InsecureJelly("the state of a copy must have string keys");
            }
        });
        return state;
    }

    @Nullable Object jelly(@Nullable Object value) {
        return Jelly.jelly(value, security, registry, broker);
    }

    @Nullable Object unjelly(@Nullable Object sexp) {
        return Jelly.unjelly(sexp, security, registry, broker);
    }

    // ---- the flavours' s-expressions --------------------------------------------------------------------------

    private static Broker brokerOf(Jellier jellier, Object value) {
        if (jellier.invoker() instanceof Broker broker) {
            return broker;
        }
        throw new InsecureJelly(value.getClass().getName() + " can only be sent through a PB broker");
    }

    static Object referenceable(Referenceable value, Jellier jellier) {
        Broker broker = brokerOf(jellier, value);
        return List.of(bytes("remote"), broker.registerReference(value, Local.Identity.of(value), null));
    }

    static Object perspective(Perspective value, Jellier jellier) {
        Broker broker = brokerOf(jellier, value);
        return List.of(bytes("remote"),
                broker.registerReference(new AsPerspective(value), Local.Identity.of(value), value));
    }

    static Object viewable(Viewable value, Jellier jellier) {
        Broker broker = brokerOf(jellier, value);
        Object perspective = broker.serializingPerspective();
        return List.of(bytes("remote"), broker.registerReference(new ViewPoint(perspective, value),
                new Local.Identity(value, perspective), perspective));
    }

    static Object copyable(Copyable value, Jellier jellier) {
        Broker broker = brokerOf(jellier, value);
        Object perspective = broker.serializingPerspective();
        String type = value.typeToCopyFor(perspective);
        Map<String, ? extends @Nullable Object> state = value.stateToCopyFor(perspective);
        List<Object> sexp = jellier.prepare(value);
        sexp.add(bytes(type));
        sexp.add(jellier.jelly(new LinkedHashMap<>(state)));
        return jellier.preserve(value, sexp);
    }

    static Object cacheable(Cacheable value, Jellier jellier) {
        Broker broker = brokerOf(jellier, value);
        Long known = broker.cachedRemotelyAs(value);
        if (known != null) {
            return List.of(bytes("cached"), known);
        }
        Object perspective = broker.serializingPerspective();
        long luid = broker.cacheRemotely(value, perspective);
        String type = value.typeToCopyFor(perspective);
        Map<String, ? extends @Nullable Object> state = value.stateToCacheAndObserveFor(perspective,
                new RemoteCacheObserver(broker, value, perspective));
        List<Object> sexp = jellier.prepare(value);
        sexp.add(bytes(type));
        sexp.add(luid);
        sexp.add(jellier.jelly(new LinkedHashMap<>(state)));
        return jellier.preserve(value, sexp);
    }

    static Object remoteReference(RemoteReference value, Jellier jellier) {
        if (jellier.invoker() != value.broker()) {
            throw new InsecureJelly("a RemoteReference can only be sent back over its own connection");
        }
        Object luid = value.luid();
        return List.of(bytes("local"), luid instanceof String s ? bytes(s) : luid);
    }

    static Object remoteCache(RemoteCache value, Jellier jellier) {
        if (jellier.invoker() != value.broker || value.luid == null) {
            throw new InsecureJelly("a RemoteCache can only be sent back over its own connection");
        }
        return List.of(bytes("lcache"), value.luid);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
