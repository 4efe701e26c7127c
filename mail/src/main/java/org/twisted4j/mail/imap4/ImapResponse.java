package org.twisted4j.mail.imap4;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One server response as {@link ImapResponseParser} reads it (RFC 3501 §7):
 * <ul>
 *   <li>a continuation request: tag {@code +}, {@link #text} the rest of the line;</li>
 *   <li>a status response, tagged or untagged: {@link #status} {@code OK NO BAD PREAUTH BYE}, its response code's
 *   tokens in {@link #code} ({@code [UIDVALIDITY 3]} is {@code [UIDVALIDITY, 3]}; empty without a code), and the
 *   human text;</li>
 *   <li>an untagged data response: tag {@code *}, {@link #status} null, and its tokens in {@link #data}
 *   ({@code * 3 FETCH (FLAGS (\Seen))} is {@code [3, FETCH, (FLAGS (\Seen))]}); atoms keep their case,
 *   {@code NIL} is the atom NIL, strings and literals are {@link ImapArg.Str}.</li>
 * </ul>
 *
 * @param tag {@code *}, {@code +} or the command's tag
 * @param status the status word in upper case, or null for data and continuations
 * @param code the response code's tokens
 * @param data the data response's tokens
 * @param text the human-readable text
 */
public record ImapResponse(String tag, @Nullable String status, List<ImapArg> code, List<ImapArg> data, String text) {

    /** Makes one, copying the lists. */
    public ImapResponse {
        code = List.copyOf(code);
        data = List.copyOf(data);
    }

    /** Returns true for a continuation request. */
    public boolean isContinuation() {
        return tag.equals("+");
    }

    /** Returns true for an untagged response. */
    public boolean isUntagged() {
        return tag.equals("*");
    }

    /** Returns the response code's name in upper case ({@code UIDVALIDITY}), or null if there is none. */
    public @Nullable String codeName() {
        return code.isEmpty() || !(code.get(0) instanceof ImapArg.Atom a) ? null : a.upper();
    }

    /**
     * Returns the name of an untagged data response in upper case: {@code CAPABILITY}, {@code LIST}, or for
     * {@code * 3 EXISTS} {@code EXISTS}; null if it is not one.
     */
    public @Nullable String dataName() {
        if (data.isEmpty() || !(data.get(0) instanceof ImapArg.Atom first)) {
            return null;
        }
        if (!first.value().isEmpty() && Character.isDigit(first.value().charAt(0)) && data.size() > 1
                && data.get(1) instanceof ImapArg.Atom second) {
            return second.upper();
        }
        return first.value().toUpperCase(Locale.ROOT);
    }

    /** Returns the number before the name of {@code * n EXISTS} and the like, or -1. */
    public long number() {
        if (data.size() > 1 && data.get(0) instanceof ImapArg.Atom a && !a.value().isEmpty()
                && a.value().chars().allMatch(Character::isDigit) && a.value().length() < 19) {
            return Long.parseLong(a.value());
        }
        return -1;
    }
}
