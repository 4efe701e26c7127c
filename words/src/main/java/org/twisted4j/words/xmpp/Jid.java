package org.twisted4j.words.xmpp;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An XMPP address, {@code localpart@domainpart/resourcepart} (RFC 7622), prepared so that two JIDs for the same
 * entity compare equal, as Twisted's {@code jabber.jid.JID}.
 *
 * <pre>{@code
 * Jid jid = Jid.parse("Juliet@Example.COM/balcony");
 * jid.user();      // "juliet"
 * jid.host();      // "example.com"
 * jid.resource();  // "balcony"
 * jid.userhost();  // "juliet@example.com"
 * jid.full();      // "juliet@example.com/balcony"
 * }</pre>
 *
 * <h2>Preparation</h2>
 * A simplified PRECIS (RFC 8264/8265/7622) built on the JDK: the localpart is case-folded and NFC-normalized
 * (UsernameCaseMapped) and may not hold spaces, controls, format or unassigned code points, nor
 * {@code " & ' / : < > @}; the domainpart is lower-cased, NFC-normalized, stripped of a final dot and checked
 * as an IDNA name with the JDK's {@link IDN} (an IP literal in brackets is kept as given); the resourcepart is
 * NFC-normalized with other spaces mapped to U+0020 and may not hold controls (OpaqueString). Each part is 1 to
 * 1023 bytes of UTF-8.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class Jid {

    private static final int MAX_PART_BYTES = 1023;

    private final @Nullable String user;
    private final String host;
    private final @Nullable String resource;

    private Jid(@Nullable String user, String host, @Nullable String resource) {
        this.user = user;
        this.host = host;
        this.resource = resource;
    }

    /**
     * Parses and prepares a JID.
     *
     * @throws InvalidJidException naming the part that breaks RFC 7622
     */
    public static Jid parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String bare = slash < 0 ? text : text.substring(0, slash);
        String resource = slash < 0 ? null : text.substring(slash + 1);
        int at = bare.indexOf('@');
        String user = at < 0 ? null : bare.substring(0, at);
        String host = at < 0 ? bare : bare.substring(at + 1);
        return of(user, host, resource);
    }

    /**
     * Builds a JID from its parts, prepared.
     *
     * @param user the localpart, or null
     * @param host the domainpart
     * @param resource the resourcepart, or null
     * @throws InvalidJidException naming the part that breaks RFC 7622
     */
    public static Jid of(@Nullable String user, String host, @Nullable String resource) {
        return new Jid(user == null ? null : prepareLocalpart(user), prepareDomainpart(host),
                resource == null ? null : prepareResourcepart(resource));
    }

    static String prepareLocalpart(String user) {
        String prepared = Normalizer.normalize(user.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        checkLength("localpart", prepared);
        prepared.codePoints().forEach(cp -> {
            if ("\"&'/:<>@".indexOf(cp) >= 0 || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || disallowed(cp)) {
                throw new InvalidJidException(String.format("localpart holds U+%04X, which RFC 7622 forbids", cp));
            }
        });
        return prepared;
    }

    static String prepareDomainpart(String host) {
        String prepared = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (prepared.startsWith("[") && prepared.endsWith("]")) {
            checkLength("domainpart", prepared);
            return prepared.toLowerCase(Locale.ROOT);
        }
        prepared = Normalizer.normalize(prepared.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        checkLength("domainpart", prepared);
        try {
            String ascii = IDN.toASCII(prepared, IDN.USE_STD3_ASCII_RULES);
            if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
                throw new InvalidJidException("domainpart is not a domain name: " + host);
            }
            return IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("domainpart is not a domain name: " + host);
        }
    }

    static String prepareResourcepart(String resource) {
        StringBuilder mapped = new StringBuilder(resource.length());
        resource.codePoints().forEach(cp -> mapped.appendCodePoint(Character.isSpaceChar(cp) ? ' ' : cp));
        String prepared = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        checkLength("resourcepart", prepared);
        prepared.codePoints().forEach(cp -> {
            if (disallowed(cp)) {
                throw new InvalidJidException(String.format("resourcepart holds U+%04X, which RFC 7622 forbids", cp));
            }
        });
        return prepared;
    }

    private static boolean disallowed(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || (type == Character.FORMAT && cp != 0x200C && cp != 0x200D)
                || (cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef);
    }

    private static void checkLength(String part, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_PART_BYTES) {
            throw new InvalidJidException(part + " must be 1 to " + MAX_PART_BYTES + " bytes, not " + bytes);
        }
    }

    /** Returns the localpart, or null. */
    public @Nullable String user() {
        return user;
    }

    /** Returns the domainpart. */
    public String host() {
        return host;
    }

    /** Returns the resourcepart, or null. */
    public @Nullable String resource() {
        return resource;
    }

    /** Returns the bare JID as text: {@code user@host}, or {@code host}. */
    public String userhost() {
        return user == null ? host : user + "@" + host;
    }

    /** Returns the bare JID. */
    public Jid userhostJid() {
        return resource == null ? this : new Jid(user, host, null);
    }

    /** Returns the JID with this resource. */
    public Jid withResource(String resource) {
        return new Jid(user, host, prepareResourcepart(resource));
    }

    /** Returns the whole JID as text. */
    public String full() {
        return resource == null ? userhost() : userhost() + "/" + resource;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Jid j && Objects.equals(user, j.user) && host.equals(j.host)
                && Objects.equals(resource, j.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, host, resource);
    }

    @Override
    public String toString() {
        return full();
    }
}
