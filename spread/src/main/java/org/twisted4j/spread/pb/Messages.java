package org.twisted4j.spread.pb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.banana.Vocabulary;
import org.twisted4j.spread.jelly.Tuple;

/**
 * Reading the parts of PB messages (commands, request and object ids, flags, argument tuples and keyword
 * dictionaries), each a {@link ProtocolError} or {@link PBError} when malformed, and finding which method of
 * a lent object a message calls.
 */
final class Messages {
    private Messages() {
    }

    static void arity(List<?> list, int arguments) {
        if (list.size() != arguments + 1) {
            throw new ProtocolError(string(list.get(0)) + " takes " + arguments + " arguments, got "
                    + (list.size() - 1));
        }
    }

    static String string(@Nullable Object atom) {
        if (atom instanceof byte[] bytes) {
            String word = Vocabulary.text(bytes);
            return word != null ? word : recent(bytes);
        }
        if (atom instanceof String s) {
            return s;
        }
        throw new ProtocolError("expected a string, got " + (atom == null ? "None" : atom.getClass().getSimpleName()));
    }

    static long requestId(@Nullable Object atom) {
        if (atom instanceof Long || atom instanceof Integer) {
            return ((Number) atom).longValue();
        }
        throw new ProtocolError("a request id must be an int, got " + atom);
    }

    /** Object ids are ints, or names (bytes) such as {@code root}. */
    static Object objectId(@Nullable Object atom) {
        if (atom instanceof Long || atom instanceof Integer) {
            return ((Number) atom).longValue();
        }
        if (atom instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return string(atom);
    }

    static boolean truth(@Nullable Object atom) {
        return atom instanceof Number n ? n.longValue() != 0 : atom != null;
    }

    static @Nullable Object perspectiveOf(Object target) {
        return switch (target) {
            case AsPerspective p -> p.perspective();
            case ViewPoint v -> v.perspective();
            default -> null;
        };
    }

    /** Calls the method {@code message} of a target from the broker's tables. */
    static @Nullable Object call(Broker broker, Object target, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception {
        return switch (target) {
            case AsPerspective p -> p.perspective().perspectiveMessageReceived(broker, message, args, kw);
            case ViewPoint v -> RemoteMethods.invokeView(v.object(), message, v.perspective(), args, kw);
            case RemoteCache c -> c.observeMessageReceived(broker, message, args, kw);
            case Referenceable r -> r.remoteMessageReceived(broker, message, args, kw);
            default -> throw new PBError("Invalid Object ID");
        };
    }

    @SuppressWarnings("unchecked")
    static List<@Nullable Object> arguments(@Nullable Object unjellied) {
        if (unjellied instanceof List<?> list) {
            return (List<@Nullable Object>) list;
        }
        if (unjellied instanceof Tuple tuple) {
            return tuple.asList();
        }
        throw new PBError("arguments must be a tuple or list");
    }

    static Map<String, @Nullable Object> keywords(@Nullable Object unjellied) {
        if (!(unjellied instanceof Map<?, ?> map)) {
            throw new PBError("keyword arguments must be a dictionary");
        }
        Map<String, @Nullable Object> kw = new LinkedHashMap<>();
        map.forEach((key, value) -> kw.put(string(key), value));
        return kw;
    }

    /** A string recently received and its text: immutable, so the racy table below stays safe. */
    private record Recent(byte[] bytes, String text) {
    }

    /** Texts of short strings received lately (method names, object ids), so a call makes no new String. */
    private static final Recent[] RECENT = new Recent[128];

    /** The text of short bytes, from {@link #RECENT} if they were seen lately, else new (and remembered). */
    private static String recent(byte[] bytes) {
        if (bytes.length > 32) {
            return new String(bytes, UTF_8);
        }
        int slot = Arrays.hashCode(bytes) & (RECENT.length - 1);
        Recent seen = RECENT[slot];
        if (seen != null && Arrays.equals(seen.bytes(), bytes)) {
            return seen.text();
        }
        String text = new String(bytes, UTF_8);
        RECENT[slot] = new Recent(bytes.clone(), text);
        return text;
    }
}
