package org.twisted4j.spread.jelly;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One unjelly run, Twisted's {@code _Unjellier}: the taster check, the registry, the built-in atoms. */
final class JellyReader extends JellyRun implements Unjellier {

    private static final long MAX_TIMEDELTA_DAYS = 999_999_999L;

    private final Map<Object, @Nullable Object> references = new HashMap<>();
    private final List<Runnable> after = new ArrayList<>();
    private int unresolved;

    JellyReader(SecurityOptions taster, JellyRegistry registry, @Nullable Object invoker) {
        super(taster, registry, invoker);
    }

    @Override
    public void afterUnjelly(Runnable action) {
        after.add(action);
    }

    /** Unjellies a whole s-expression, checks no dereference is left dangling, runs the after actions. */
    @Nullable Object unjellyFull(@Nullable Object sexp) {
        Object value = unjelly(sexp);
        if (unresolved > 0) {
            throw new InsecureJelly("dereference to a reference id never defined");
        }
        for (Runnable action : after) {
            action.run();
        }
        return value;
    }

    @Override
    public @Nullable Object unjelly(@Nullable Object sexp) {
        Object value = unjellyAny(sexp);
        if (value instanceof NotKnown) {
            throw new InsecureJelly("dereference to an object not yet complete, where no container can wait for it");
        }
        return value;
    }

    /** Unjellies the state of a registered class: it may not hold objects still incomplete. */
    @Nullable Object unjellyState(@Nullable Object sexp, String className) {
        Object state = unjelly(sexp);
        Collection<?> items = switch (state) {
            case Map<?, ?> map -> map.values();
            case List<?> list -> list;
            case Tuple tuple -> tuple.asList();
            case null, default -> List.of();
        };
        for (Object item : items) {
            if (item instanceof NotKnown) {
                throw new InsecureJelly("state of " + className + " refers to an object not yet complete");
            }
        }
        return state;
    }

    private @Nullable Object unjellyAny(@Nullable Object sexp) {
        if (!(sexp instanceof List<?> list)) {
            return sexp;
        }
        if (list.isEmpty() || !(list.get(0) instanceof byte[] atomBytes)) {
            throw new InsecureJelly("s-expression without a type atom");
        }
        String atom = atom(atomBytes);
        if (!taster().isTypeAllowed(atom)) {
            throw new InsecureJelly("type not allowed: " + atom);
        }
        Unjellyer unjellyer = registry().unjellyerFor(atom);
        if (unjellyer != null) {
            @SuppressWarnings("unchecked")
            List<Object> whole = (List<Object>) list;
            return unjellyer.unjellyFor(this, whole);
        }
        return switch (atom) {
            case "None" -> null;
            case "unicode" -> utf8(bytesArg(list, 1, atom));
            case "boolean" -> bool(bytesArg(list, 1, atom));
            case "datetime" -> dateTime(ints(list, atom, 3, 7));
            case "date" -> date(ints(list, atom, 3, 3));
            case "time" -> time(ints(list, atom, 0, 4));
            case "timedelta" -> timedelta(ints(list, atom, 3, 3));
            case "decimal" -> decimal(list);
            case "list" -> unjellyList(list);
            case "tuple" -> unjellyTuple(list);
            case "set" -> unjellySet(list);
            case "frozenset" -> unjellyFrozenSet(list);
            case "dictionary" -> unjellyDictionary(list);
            case "reference" -> unjellyReference(list);
            case "dereference" -> unjellyDereference(list);
            case "unpersistable" -> new Unpersistable(lenient(bytesArg(list, 1, atom)));
            case "persistent" -> new Unpersistable("Persistent callback not found");
            default -> throw new InsecureJelly("no unjellier registered for type " + atom);
        };
    }

    private static String atom(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20) {
                throw new InsecureJelly("type atom is not printable ASCII");
            }
        }
        return Atoms.text(bytes);
    }

    private static Object arg(List<?> list, int index, String atom) {
        if (list.size() <= index) {
            throw new InsecureJelly(atom + " without its argument");
        }
        Object arg = list.get(index);
        if (arg == null) {
            throw new InsecureJelly(atom + " with a null argument");
        }
        return arg;
    }

    private static byte[] bytesArg(List<?> list, int index, String atom) {
        if (arg(list, index, atom) instanceof byte[] bytes) {
            return bytes;
        }
        throw new InsecureJelly(atom + " argument is not a string");
    }

    private static BigInteger intArg(List<?> list, int index, String atom) {
        return switch (arg(list, index, atom)) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger big -> big;
            default -> throw new InsecureJelly(atom + " argument is not an int");
        };
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InsecureJelly("unicode that is not UTF-8");
        }
    }

    private static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Boolean bool(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InsecureJelly("boolean neither true nor false");
        };
    }

    private static long[] ints(List<?> list, String atom, int min, int max) {
        String text = new String(bytesArg(list, 1, atom), StandardCharsets.ISO_8859_1).strip();
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (words.length < min || words.length > max) {
            throw new InsecureJelly(atom + " needs " + min + " to " + max + " numbers");
        }
        long[] numbers = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            try {
                numbers[i] = Long.parseLong(words[i]);
            } catch (NumberFormatException e) {
                throw new InsecureJelly(atom + " with a number that is not one");
            }
        }
        return numbers;
    }

    private static int field(long[] numbers, int index, long fallback, long min, long max, String atom) {
        long value = index < numbers.length ? numbers[index] : fallback;
        if (value < min || value > max) {
            throw new InsecureJelly(atom + " field out of range: " + value);
        }
        return (int) value;
    }

    private static LocalDateTime dateTime(long[] n) {
        try {
            return LocalDateTime.of(field(n, 0, 1, 1, 9999, "datetime"), field(n, 1, 1, 1, 12, "datetime"),
                    field(n, 2, 1, 1, 31, "datetime"), field(n, 3, 0, 0, 23, "datetime"),
                    field(n, 4, 0, 0, 59, "datetime"), field(n, 5, 0, 0, 59, "datetime"),
                    field(n, 6, 0, 0, 999_999, "datetime") * 1000);
        } catch (DateTimeException e) {
            throw new InsecureJelly("datetime that is no date: " + e.getMessage());
        }
    }

    private static LocalDate date(long[] n) {
        try {
            return LocalDate.of(field(n, 0, 1, 1, 9999, "date"), field(n, 1, 1, 1, 12, "date"),
                    field(n, 2, 1, 1, 31, "date"));
        } catch (DateTimeException e) {
            throw new InsecureJelly("date that is no date: " + e.getMessage());
        }
    }

    private static LocalTime time(long[] n) {
        return LocalTime.of(field(n, 0, 0, 0, 23, "time"), field(n, 1, 0, 0, 59, "time"),
                field(n, 2, 0, 0, 59, "time"), field(n, 3, 0, 0, 999_999, "time") * 1000);
    }

    private static Duration timedelta(long[] n) {
        try {
            Duration duration = Duration.ofDays(n[0]).plusSeconds(n[1]).plusNanos(Math.multiplyExact(n[2], 1000L));
            if (Math.abs(Math.floorDiv(duration.getSeconds(), 86400L)) > MAX_TIMEDELTA_DAYS) {
                throw new InsecureJelly("timedelta out of range");
            }
            return duration;
        } catch (ArithmeticException e) {
            throw new InsecureJelly("timedelta out of range");
        }
    }

    private static BigDecimal decimal(List<?> list) {
        BigInteger value = intArg(list, 1, "decimal");
        BigInteger exponent = intArg(list, 2, "decimal");
        if (exponent.bitLength() > 31 || exponent.intValue() == Integer.MIN_VALUE) {
            throw new InsecureJelly("decimal exponent out of range");
        }
        return new BigDecimal(value, -exponent.intValue());
    }

    private List<Object> unjellyList(List<?> list) {
        List<Object> result = new ArrayList<>(list.size() - 1);
        for (int i = 1; i < list.size(); i++) {
            Object item = unjellyAny(list.get(i));
            result.add(item);
            if (item instanceof NotKnown later) {
                int index = i - 1;
                later.dependants.add(value -> result.set(index, value));
            }
        }
        return result;
    }

    private Tuple unjellyTuple(List<?> list) {
        Object[] items = new Object[list.size() - 1];
        Tuple tuple = new Tuple(items);
        for (int i = 1; i < list.size(); i++) {
            Object item = unjellyAny(list.get(i));
            items[i - 1] = item;
            if (item instanceof NotKnown later) {
                int index = i - 1;
                later.dependants.add(value -> {
                    if (reaches(value, tuple, new IdentityHashMap<>())) {
                        throw new InsecureJelly("a tuple that contains itself");
                    }
                    items[index] = value;
                });
            }
        }
        return tuple;
    }

    /** Whether {@code target} can be reached from {@code from} through tuples and frozen sets alone. */
    private static boolean reaches(@Nullable Object from, Object target, IdentityHashMap<Object, Boolean> seen) {
        if (from == target) {
            return true;
        }
        Iterable<?> items = switch (from) {
            case Tuple tuple -> tuple.asList();
            case FrozenSet set -> set.elements();
            case null, default -> null;
        };
        if (items == null || seen.put(from, Boolean.TRUE) != null) {
            return false;
        }
        for (Object item : items) {
            if (reaches(item, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private Set<@Nullable Object> unjellySet(List<?> list) {
        LinkedHashSet<@Nullable Object> set = new LinkedHashSet<>();
        unjellyElements(list, "set", set, null);
        return set;
    }

    private FrozenSet unjellyFrozenSet(List<?> list) {
        LinkedHashSet<@Nullable Object> backing = new LinkedHashSet<>();
        FrozenSet frozen = new FrozenSet(backing, true);
        unjellyElements(list, "frozenset", backing, frozen);
        return frozen;
    }

    /**
     * Adds the elements; one that refers back to an object not yet complete joins when it completes, as
     * Twisted's {@code _Container} waits for it.
     */
    private void unjellyElements(List<?> list, String atom, Set<@Nullable Object> elements,
            @Nullable FrozenSet frozen) {
        for (int i = 1; i < list.size(); i++) {
            Object element = unjellyAny(list.get(i));
            if (element instanceof NotKnown later) {
                later.dependants.add(value -> elements.add(element(value, atom, frozen)));
            } else {
                elements.add(element(element, atom, frozen));
            }
        }
    }

    private static @Nullable Object element(@Nullable Object value, String atom, @Nullable FrozenSet frozen) {
        hashable(value, atom + " element");
        if (frozen != null && reaches(value, frozen, new IdentityHashMap<>())) {
            throw new InsecureJelly("a frozenset that contains itself");
        }
        return value;
    }

    /** Returns the value if it may be a set element or dictionary key, as Python's hashable types. */
    private static @Nullable Object hashable(@Nullable Object value, String where) {
        if (!isHashable(value, new IdentityHashMap<>())) {
            throw new InsecureJelly(where + " is unhashable or not yet complete");
        }
        return value;
    }

    private static boolean isHashable(@Nullable Object value, IdentityHashMap<Object, Boolean> seen) {
        return switch (value) {
            case NotKnown unknown -> false;
            case List<?> list -> false;
            case Map<?, ?> map -> false;
            case Set<?> set -> false;
            case Tuple tuple -> allHashable(tuple, tuple.asList(), seen);
            case FrozenSet set -> allHashable(set, set.elements(), seen);
            case null, default -> true;
        };
    }

    private static boolean allHashable(Object container, Iterable<?> items, IdentityHashMap<Object, Boolean> seen) {
        if (seen.put(container, Boolean.TRUE) != null) {
            return false;
        }
        for (Object item : items) {
            if (!isHashable(item, seen)) {
                return false;
            }
        }
        return true;
    }

    private Map<Object, Object> unjellyDictionary(List<?> list) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 1; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw new InsecureJelly("dictionary item is not a key and a value");
            }
            Object key = unjellyAny(pair.get(0));
            Object value = unjellyAny(pair.get(1));
            Object[] entry = {key, value};
            if (value instanceof NotKnown later) {
                later.dependants.add(known -> {
                    entry[1] = known;
                    if (!(entry[0] instanceof NotKnown)) {
                        map.put(entry[0], known);
                    }
                });
            }
            if (key instanceof NotKnown later) {
                // as Twisted's _DictKeyAndValue: the item goes in once its key is known
                later.dependants.add(known -> {
                    entry[0] = hashable(known, "dictionary key");
                    map.put(known, entry[1]);
                });
            } else {
                map.put(hashable(key, "dictionary key"), value);
            }
        }
        return map;
    }

    private static Object refId(List<?> list, String atom) {
        return switch (arg(list, 1, atom)) {
            case Long l -> l;
            case BigInteger big -> big;
            default -> throw new InsecureJelly(atom + " id is not an int");
        };
    }

    private @Nullable Object unjellyReference(List<?> list) {
        Object id = refId(list, "reference");
        Object value = unjellyAny(arg(list, 2, "reference"));
        if (value instanceof NotKnown) {
            throw new InsecureJelly("reference to a dereference");
        }
        if (!references.containsKey(id)) {
            references.put(id, value);
            return value;
        }
        if (!(references.get(id) instanceof NotKnown waiting)) {
            throw new InsecureJelly("two references with the same id " + id);
        }
        references.put(id, value);
        unresolved--;
        for (var dependant : waiting.dependants) {
            dependant.accept(value);
        }
        return value;
    }

    private @Nullable Object unjellyDereference(List<?> list) {
        Object id = refId(list, "dereference");
        if (references.containsKey(id)) {
            return references.get(id);
        }
        NotKnown later = new NotKnown();
        references.put(id, later);
        unresolved++;
        return later;
    }
}
