package org.twisted4j.spread.banana;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code pb} dialect's vocabulary: the 31 words (jelly's type atoms and Perspective Broker's message
 * names) that a Banana connection speaking {@code pb} sends as one {@code VOCAB} byte pair instead of a
 * string, numbered exactly as Twisted's {@code Banana.outgoingVocabulary}.
 *
 * <p>Immutable; any thread.
 */
public final class Vocabulary {

    /** The words in code order: word {@code i} has code {@code i + 1}. */
    public static final List<String> PB_WORDS = List.of(
            // jelly's data types
            "None", "class", "dereference", "reference", "dictionary", "function", "instance", "list",
            "module", "persistent", "tuple", "unpersistable",
            // Perspective Broker's data types
            "copy", "cache", "cached", "remote", "local", "lcache",
            // Perspective Broker's messages
            "version", "login", "password", "challenge", "logged_in", "not_logged_in", "cachemessage",
            "message", "answer", "error", "decref", "decache", "uncache");

    private static final byte[][] WORDS = new byte[PB_WORDS.size() + 1][];
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        for (int i = 0; i < PB_WORDS.size(); i++) {
            WORDS[i + 1] = PB_WORDS.get(i).getBytes(StandardCharsets.US_ASCII);
            CODES.put(PB_WORDS.get(i), i + 1);
        }
    }

    private Vocabulary() {
    }

    /**
     * Returns the word with this code, as new bytes, or null if no word has it.
     *
     * @param code a {@code VOCAB} number from the wire
     */
    public static byte @Nullable [] word(long code) {
        if (code < 1 || code >= WORDS.length) {
            return null;
        }
        return WORDS[(int) code].clone();
    }

    /**
     * Returns the code of these bytes if they are a word of the vocabulary, else 0.
     *
     * @param bytes the bytes of a string about to be sent
     */
    public static int code(byte[] bytes) {
        if (bytes.length < 4 || bytes.length > 13) {
            return 0;
        }
        Integer code = CODES.get(new String(bytes, StandardCharsets.ISO_8859_1));
        return code == null || !Arrays.equals(WORDS[code], bytes) ? 0 : code;
    }
}
