package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a FETCH response said of one message, item by item ({@code FLAGS}, {@code UID}, {@code ENVELOPE},
 * {@code BODY[HEADER]}, ... in upper case as the server named them), with typed readings of the usual items.
 *
 * @param seq the message's sequence number
 * @param items the items' values as read
 */
public record ImapFetched(long seq, Map<String, ImapArg> items) {

    private static final java.time.format.DateTimeFormatter DATE =
            java.time.format.DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    /** An address of an ENVELOPE: display name, source route, mailbox and host, each possibly null. */
    public record Address(@Nullable String name, @Nullable String adl, @Nullable String mailbox,
            @Nullable String host) {
    }

    /** An ENVELOPE (RFC 3501 §7.4.2). */
    public record Envelope(@Nullable String date, @Nullable String subject, List<Address> from, List<Address> sender,
            List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, @Nullable String inReplyTo,
            @Nullable String messageId) {
    }

    /** Returns FLAGS, or null if not fetched. */
    public @Nullable Set<String> flags() {
        return items.get("FLAGS") instanceof ImapArg.Paren p ? strings(p) : null;
    }

    /** Returns UID, or -1. */
    public long uid() {
        return number("UID");
    }

    /** Returns RFC822.SIZE, or -1. */
    public long size() {
        return number("RFC822.SIZE");
    }

    /** Returns MODSEQ, or -1. */
    public long modseq() {
        return items.get("MODSEQ") instanceof ImapArg.Paren p && p.items().size() == 1
                ? parse(p.items().get(0)) : -1;
    }

    /** Returns INTERNALDATE, or null. */
    public @Nullable Instant internalDate() {
        ImapArg arg = items.get("INTERNALDATE");
        if (arg == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text(arg).trim(), DATE).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Returns the octets of a body item such as {@code BODY[]}, {@code BODY[HEADER]} or {@code RFC822}, or null. */
    public byte @Nullable [] body(String item) {
        return items.get(item.toUpperCase(Locale.ROOT)) instanceof ImapArg.Str s ? s.bytes() : null;
    }

    /** Returns the ENVELOPE, or null. */
    public @Nullable Envelope envelope() {
        if (!(items.get("ENVELOPE") instanceof ImapArg.Paren p) || p.items().size() != 10) {
            return null;
        }
        List<ImapArg> e = p.items();
        return new Envelope(nstring(e.get(0)), nstring(e.get(1)), addresses(e.get(2)), addresses(e.get(3)),
                addresses(e.get(4)), addresses(e.get(5)), addresses(e.get(6)), addresses(e.get(7)),
                nstring(e.get(8)), nstring(e.get(9)));
    }

    /** Returns BODYSTRUCTURE (or BODY) as read: nested lists of strings, numbers and NIL. */
    public @Nullable ImapArg bodyStructure() {
        ImapArg arg = items.get("BODYSTRUCTURE");
        return arg != null ? arg : items.get("BODY");
    }

    private long number(String name) {
        ImapArg arg = items.get(name);
        return arg == null ? -1 : parse(arg);
    }

    private static long parse(ImapArg arg) {
        try {
            return Long.parseLong(text(arg));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(ImapArg arg) {
        return switch (arg) {
            case ImapArg.Atom a -> a.value();
            case ImapArg.Str s -> new String(s.bytes(), UTF_8);
            case ImapArg.Paren p -> "";
        };
    }

    static Set<String> strings(ImapArg.Paren list) {
        Set<String> out = new LinkedHashSet<>();
        for (ImapArg item : list.items()) {
            out.add(text(item));
        }
        return out;
    }

    private static @Nullable String nstring(ImapArg arg) {
        return arg instanceof ImapArg.Atom a && a.is("NIL") ? null : text(arg);
    }

    private static List<Address> addresses(ImapArg arg) {
        List<Address> out = new ArrayList<>();
        if (arg instanceof ImapArg.Paren list) {
            for (ImapArg item : list.items()) {
                if (item instanceof ImapArg.Paren a && a.items().size() == 4) {
                    out.add(new Address(nstring(a.items().get(0)), nstring(a.items().get(1)),
                            nstring(a.items().get(2)), nstring(a.items().get(3))));
                }
            }
        }
        return out;
    }
}
