package org.twisted4j.spread.jelly;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One jelly run, Twisted's {@code _Jellier}: the shared-object bookkeeping and the built-in types. */
final class JellyWriter extends JellyRun implements Jellier {

    /**
     * The s-expression started or finished for each object jellied so far, by identity; made on first use,
     * as most values sent (numbers, strings) need it not.
     */
    private @Nullable IdentityHashMap<Object, List<Object>> preserved;
    /** The dereference for each object that has been given a reference id; made on first use. */
    private @Nullable IdentityHashMap<Object, Long> cooked;
    private long nextId = 1;

    JellyWriter(SecurityOptions taster, JellyRegistry registry, @Nullable Object invoker) {
        super(taster, registry, invoker);
    }

    @Override
    public List<Object> prepare(Object value) {
        preserved().put(value, new ArrayList<>());
        return new ArrayList<>();
    }

    @Override
    public Object preserve(Object value, List<Object> sexp) {
        IdentityHashMap<Object, Long> ids = cooked;
        if (ids != null && ids.containsKey(value)) {
            List<Object> reference = preserved().get(value);
            reference.set(2, sexp);
            return reference;
        }
        preserved().put(value, sexp);
        return sexp;
    }

    private IdentityHashMap<Object, List<Object>> preserved() {
        IdentityHashMap<Object, List<Object>> map = preserved;
        if (map == null) {
            map = new IdentityHashMap<>();
            preserved = map;
        }
        return map;
    }

    /** Returns the dereference for an object already jellied in this run, giving it an id if need be. */
    private @Nullable Object checkMutable(Object value) {
        IdentityHashMap<Object, Long> ids = cooked;
        Long id = ids == null ? null : ids.get(value);
        if (id == null) {
            IdentityHashMap<Object, List<Object>> started = preserved;
            List<Object> earlier = started == null ? null : started.get(value);
            if (earlier == null) {
                return null;
            }
            if (ids == null) {
                ids = new IdentityHashMap<>();
                cooked = ids;
            }
            id = nextId++;
            List<Object> copy = new ArrayList<>(earlier);
            earlier.clear();
            earlier.add(Atoms.REFERENCE);
            earlier.add(id);
            earlier.add(copy);
            ids.put(value, id);
        }
        return list(Atoms.DEREFERENCE, id);
    }

    private static List<Object> list(Object... items) {
        List<Object> list = new ArrayList<>(items.length);
        for (Object item : items) {
            list.add(item);
        }
        return list;
    }

    @Override
    public Object jelly(@Nullable Object value) {
        if (value == null) {
            return list(Atoms.NONE);
        }
        if (value instanceof Jellyable jellyable) {
            Object reference = checkMutable(value);
            return reference != null ? reference : jellyable.jellyFor(this);
        }
        JellyRegistry.ClassEntry<?> entry = registry().classFor(value.getClass());
        if (entry != null) {
            return jellyInstance(value, entry);
        }
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : big;
            case Double d -> d;
            case Float f -> (double) f;
            case byte[] bytes -> bytes;
            case String s -> list(Atoms.UNICODE, s.getBytes(StandardCharsets.UTF_8));
            case Boolean b -> list(Atoms.BOOLEAN, b ? Atoms.TRUE : Atoms.FALSE);
            case LocalDateTime t -> list(Atoms.DATETIME, Atoms.bytes(t.getYear() + " " + t.getMonthValue() + " "
                    + t.getDayOfMonth() + " " + t.getHour() + " " + t.getMinute() + " " + t.getSecond() + " "
                    + t.getNano() / 1000));
            case LocalDate d -> list(Atoms.DATE, Atoms.bytes(d.getYear() + " " + d.getMonthValue() + " "
                    + d.getDayOfMonth()));
            case LocalTime t -> list(Atoms.TIME, Atoms.bytes(t.getHour() + " " + t.getMinute() + " "
                    + t.getSecond() + " " + t.getNano() / 1000));
            case Duration d -> list(Atoms.TIMEDELTA, Atoms.bytes(Math.floorDiv(d.getSeconds(), 86400) + " "
                    + Math.floorMod(d.getSeconds(), 86400) + " " + d.getNano() / 1000));
            case BigDecimal d -> list(Atoms.DECIMAL, jelly(d.unscaledValue()), -(long) d.scale());
            case Unpersistable u -> list(Atoms.UNPERSISTABLE, u.reason().getBytes(StandardCharsets.UTF_8));
            case List<?> l -> jellyContainer(value, Atoms.LIST, l);
            case Tuple t -> jellyContainer(value, Atoms.TUPLE, t);
            case FrozenSet f -> jellyContainer(value, Atoms.FROZENSET, f.elements());
            case Set<?> s -> jellyContainer(value, Atoms.SET, s);
            case Map<?, ?> m -> jellyMap(m);
            default -> throw new InsecureJelly("no jelly form for Java type " + value.getClass().getName()
                    + ": not a built-in type, not Jellyable, not registered");
        };
    }

    private Object jellyContainer(Object value, byte[] atom, Iterable<?> items) {
        Object reference = checkMutable(value);
        if (reference != null) {
            return reference;
        }
        List<Object> sexp = prepare(value);
        sexp.add(atom);
        for (Object item : items) {
            sexp.add(jelly(item));
        }
        return preserve(value, sexp);
    }

    private Object jellyMap(Map<?, ?> map) {
        Object reference = checkMutable(map);
        if (reference != null) {
            return reference;
        }
        List<Object> sexp = prepare(map);
        sexp.add(Atoms.DICTIONARY);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = jelly(entry.getKey());
            sexp.add(list(key, jelly(entry.getValue())));
        }
        return preserve(map, sexp);
    }

    private <T> Object jellyInstance(Object value, JellyRegistry.ClassEntry<T> entry) {
        Object reference = checkMutable(value);
        if (reference != null) {
            return reference;
        }
        List<Object> sexp = prepare(value);
        if (taster().isClassAllowed(entry.className())) {
            sexp.add(Atoms.bytes(entry.className()));
            sexp.add(jelly(entry.mapping().getStateFor(entry.type().cast(value), this)));
        } else {
            sexp.add(Atoms.UNPERSISTABLE);
            sexp.add(Atoms.bytes("instance of class " + entry.className() + " deemed insecure"));
        }
        return preserve(value, sexp);
    }
}
