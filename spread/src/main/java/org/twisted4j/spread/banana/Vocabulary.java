package org.twisted4j.spread.banana;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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
    /** The codes of the words of each length (none longer than 13), so that no lookup makes a String. */
    private static final int[][] CODES_BY_LENGTH = new int[14][];

    static {
        for (int i = 0; i < PB_WORDS.size(); i++) {
            WORDS[i + 1] = PB_WORDS.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        for (int length = 0; length < CODES_BY_LENGTH.length; length++) {
            int n = length;
            CODES_BY_LENGTH[length] = IntStream.rangeClosed(1, PB_WORDS.size())
                    .filter(code -> WORDS[code].length == n).toArray();
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
        if (bytes.length >= CODES_BY_LENGTH.length) {
            return 0;
        }
        for (int code : CODES_BY_LENGTH[bytes.length]) {
            if (Arrays.equals(WORDS[code], bytes)) {
                return code;
            }
        }
        return 0;
    }

    /**
     * Returns the word these bytes spell, as the one shared String of {@link #PB_WORDS}, or null if they spell
     * none: turns a received command or type atom into text without a new String each time.
     *
     * @param bytes the bytes of a received string
     */
    public static @Nullable String text(byte[] bytes) {
        int code = code(bytes);
        return code == 0 ? null : PB_WORDS.get(code - 1);
    }
}
