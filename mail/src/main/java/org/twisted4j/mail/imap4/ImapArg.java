package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One argument of an IMAP command as the {@link ImapCommandParser} reads it: an atom (which includes NIL,
 * numbers, flags, sequence sets and fetch items such as {@code BODY[HEADER.FIELDS (TO)]<0.10>}), a string (quoted
 * or literal) or a parenthesised list.
 *
 * <p>Threading: immutable, any thread.
 */
public sealed interface ImapArg {

    /** Returns the text of an atom or string (a string decoded as UTF-8); a list is an error. */
    String text() throws ImapSyntaxException;

    /**
     * An atom: a run of non-special characters, with a bracketed section taken whole.
     *
     * @param value the characters
     */
    record Atom(String value) implements ImapArg {
        @Override
        public String text() {
            return value;
        }

        /** Returns true if this atom is {@code word}, ignoring case. */
        public boolean is(String word) {
            return value.equalsIgnoreCase(word);
        }

        /** Returns the atom in upper case. */
        public String upper() {
            return value.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * A quoted string or a literal.
     *
     * @param bytes its octets
     * @param literal true if it came as a literal
     */
    record Str(byte[] bytes, boolean literal) implements ImapArg {
        @Override
        public String text() {
            return new String(bytes, UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Str s && s.literal == literal && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + (literal ? 1 : 0);
        }

        @Override
        public String toString() {
            return (literal ? "Literal[" : "Quoted[") + text() + "]";
        }
    }

    /**
     * A parenthesised list.
     *
     * @param items what is between the parentheses
     */
    record Paren(List<ImapArg> items) implements ImapArg {
        /** Copies the items. */
        public Paren {
            items = List.copyOf(items);
        }

        @Override
        public String text() throws ImapSyntaxException {
            throw new ImapSyntaxException("Expected a string, not a list");
        }
    }
}
