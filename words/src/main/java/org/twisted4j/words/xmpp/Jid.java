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
 * PRECIS as RFC 7622 says, through {@link Precis}: the localpart is prepared with the UsernameCaseMapped profile
 * (width-mapped, lower-cased, NFC, the Bidi rule, the IdentifierClass) and may not hold {@code " & ' / : < > @};
 * the resourcepart with the OpaqueString profile (spaces mapped to U+0020, NFC, the FreeformClass); the
 * domainpart is stripped of a final dot, width-mapped (ideographic full stops become dots), lower-cased and
 * NFC-normalized, A-labels ({@code xn--}) are decoded, and every label must be an IDNA 2008 U-label or an ASCII
 * letter-digit-hyphen label (an IP literal in brackets is kept as given). Each part is 1 to 1023 bytes of UTF-8.
 * A-labels are decoded with the JDK's {@link IDN}, which verifies them by IDNA 2003: an A-label of a name that
 * IDNA 2003 maps differently (such as one holding {@code ß}) stays in its ASCII form.
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
        String prepared;
        try {
            prepared = Precis.usernameCaseMapped(user);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("localpart: " + e.getMessage());
        }
        checkLength("localpart", prepared);
        prepared.codePoints().filter(cp -> "\"&'/:<>@".indexOf(cp) >= 0).findFirst().ifPresent(cp -> {
            throw new InvalidJidException(String.format("localpart holds U+%04X, which RFC 7622 forbids", cp));
        });
        return prepared;
    }

    static String prepareDomainpart(String host) {
        String prepared = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (prepared.startsWith("[") && prepared.endsWith("]")) {
            checkLength("domainpart", prepared);
            return prepared.toLowerCase(Locale.ROOT);
        }
        StringBuilder mapped = new StringBuilder(prepared.length());
        prepared.codePoints().forEach(cp -> {
            if (cp == 0x3002 || cp == 0xff0e || cp == 0xff61) {
                mapped.append('.');
            } else if (cp == 0x3000 || cp >= 0xff01 && cp <= 0xffee) {
                mapped.append(Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC));
            } else {
                mapped.appendCodePoint(cp);
            }
        });
        prepared = Normalizer.normalize(mapped.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        checkLength("domainpart", prepared);
        StringBuilder out = new StringBuilder(prepared.length());
        for (String label : prepared.split("\\.", -1)) {
            String unicode = label.startsWith("xn--") ? IDN.toUnicode(label).toLowerCase(Locale.ROOT) : label;
            if (!Precis.isIdna2008Label(unicode) || unicode.startsWith("-") || unicode.endsWith("-")) {
                throw new InvalidJidException("domainpart is not a domain name (IDNA 2008): " + host);
            }
            out.append(out.isEmpty() ? "" : ".").append(unicode);
        }
        return out.toString();
    }

    static String prepareResourcepart(String resource) {
        String prepared;
        try {
            prepared = Precis.opaqueString(resource);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("resourcepart: " + e.getMessage());
        }
        checkLength("resourcepart", prepared);
        return prepared;
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
