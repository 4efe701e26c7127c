package org.twisted4j.mail.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox as SMTP carries it (RFC 5321 §4.1.2): a local part and a domain, parsed from a path such as
 * {@code <"john doe"@example.com>}, {@code <user@[IPv6:2001:db8::1]>} or, with SMTPUTF8 (RFC 6531),
 * {@code <jöran@bücher.example>}. The null reverse-path {@code <>} is {@link #NULL}; {@code <postmaster>} is
 * a local part with an empty domain.
 *
 * <pre>{@code
 * MailAddress to = MailAddress.parsePath("<bob@example.com>", false);
 * to.localPart(); // "bob"
 * to.domain();    // "example.com"
 * }</pre>
 *
 * <p>Parsing is pure and strict, with two leniencies most servers have: a path without its angle brackets, and
 * a source route ({@code <@a,@b:user@c>}), which is read and dropped as RFC 5321 says. Limits: a local part of
 * {@value #MAX_LOCAL_PART} octets, a domain of {@value #MAX_DOMAIN} and a path of {@value #MAX_PATH}
 * (counted in UTF-8). Anything else is a {@link SmtpSyntaxException}, never another exception.
 *
 * <p>Any thread: immutable.
 *
 * @param localPart the local part, without quotes or backslashes
 * @param domain the domain or address literal ({@code [192.0.2.1]}), or empty for {@code postmaster} and the null path
 */
public record MailAddress(String localPart, String domain) {

    /** The longest local part, in octets (RFC 5321 §4.5.3.1.1). */
    public static final int MAX_LOCAL_PART = 64;
    /** The longest domain, in octets (§4.5.3.1.2). */
    public static final int MAX_DOMAIN = 255;
    /** The longest path, brackets included, in octets (§4.5.3.1.3). */
    public static final int MAX_PATH = 256;

    /** The null reverse-path, {@code <>}, of bounces. */
    public static final MailAddress NULL = new MailAddress("", "");

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    /** Whether this is the null reverse-path {@code <>}. */
    public boolean isNull() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    /** Whether the address needs SMTPUTF8: some character of it is not ASCII. */
    public boolean isInternationalized() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    /**
     * Returns the mailbox as written in a path, without the brackets: the local part quoted if it is not a
     * dot-string, then {@code @} and the domain (none if the domain is empty).
     */
    @Override
    public String toString() {
        String local = isDotString(localPart) ? localPart : quote(localPart);
        return domain.isEmpty() ? (isNull() ? "" : local) : local + "@" + domain;
    }

    /** Returns the path, {@code <} + {@link #toString()} + {@code >}. */
    public String path() {
        return "<" + this + ">";
    }

    /**
     * Parses a path ({@code <local@domain>}, {@code <>}, {@code <postmaster>}), or a bare mailbox.
     *
     * @param text the path, as it follows {@code FROM:} or {@code TO:}
     * @param utf8 whether SMTPUTF8 is in force, allowing characters beyond ASCII
     * @return the address; {@link #NULL} for {@code <>}
     * @throws SmtpSyntaxException if the path is malformed or too long
     */
    public static MailAddress parsePath(String text, boolean utf8) {
        if (utf8Length(text) > MAX_PATH + 2) {
            throw bad("Path too long");
        }
        String inner = text;
        if (text.startsWith("<")) {
            if (!text.endsWith(">") || text.length() < 2) {
                throw bad("Path is missing its closing '>'");
            }
            inner = text.substring(1, text.length() - 1);
        } else if (text.isEmpty()) {
            throw bad("Missing path");
        }
        if (inner.isEmpty()) {
            return NULL;
        }
        if (inner.startsWith("@")) {
            inner = dropSourceRoute(inner, utf8);
        }
        if (inner.equalsIgnoreCase("postmaster")) {
            return new MailAddress("postmaster", "");
        }
        return parseMailbox(inner, utf8);
    }

    /**
     * Parses a mailbox without brackets, {@code local@domain}.
     *
     * @param text the mailbox
     * @param utf8 whether characters beyond ASCII are allowed
     * @return the address
     * @throws SmtpSyntaxException if it is malformed or too long
     */
    public static MailAddress parseMailbox(String text, boolean utf8) {
        if (!utf8 && !isAscii(text)) {
            throw new SmtpSyntaxException(553, "5.6.7", "Address is not ASCII and SMTPUTF8 was not given");
        }
        int at = localPartEnd(text);
        if (at >= text.length() || text.charAt(at) != '@') {
            throw bad("Address needs local-part@domain");
        }
        String local = unquote(text.substring(0, at));
        String domain = text.substring(at + 1);
        if (local.isEmpty() && text.charAt(0) != '"') {
            throw bad("Empty local part");
        }
        if (utf8Length(text.substring(0, at)) > MAX_LOCAL_PART) {
            throw bad("Local part too long");
        }
        checkDomain(domain);
        return new MailAddress(local, domain);
    }

    /** Returns the index just past the local part (a dot-string or a quoted string) of {@code text}. */
    private static int localPartEnd(String text) {
        if (text.startsWith("\"")) {
            int i = 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= text.length() || text.charAt(i + 1) < 32 || text.charAt(i + 1) == 127) {
                        throw bad("Bad quoted pair in the local part");
                    }
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else if (c < 32 || c == 127) {
                    throw bad("Control character in the local part");
                } else {
                    i++;
                }
            }
            throw bad("Unterminated quoted local part");
        }
        int i = 0;
        boolean atomStart = true;
        while (i < text.length() && text.charAt(i) != '@') {
            char c = text.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    throw bad("Empty atom in the local part");
                }
                atomStart = true;
            } else if (isAtext(c)) {
                atomStart = false;
            } else {
                throw bad("Character not allowed in the local part");
            }
            i++;
        }
        if (atomStart) {
            throw bad("Local part ends with a dot or is empty");
        }
        return i;
    }

    private static String unquote(String local) {
        if (!local.startsWith("\"")) {
            return local;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\') {
                i++;
                c = local.charAt(i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void checkDomain(String domain) {
        if (domain.isEmpty()) {
            throw bad("Empty domain");
        }
        if (utf8Length(domain) > MAX_DOMAIN) {
            throw bad("Domain too long");
        }
        if (domain.startsWith("[")) {
            checkAddressLiteral(domain);
            return;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw bad("Bad label in the domain");
            }
            if (!isLetDig(label.charAt(0)) || !isLetDig(label.charAt(label.length() - 1))) {
                throw bad("A domain label begins and ends with a letter or digit");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isLetDig(c) && c != '-') {
                    throw bad("Character not allowed in the domain");
                }
            }
        }
    }

    private static void checkAddressLiteral(String literal) {
        if (!literal.endsWith("]") || literal.length() < 3) {
            throw bad("Unterminated address literal");
        }
        String inner = literal.substring(1, literal.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            if (!isIPv6(inner.substring(5))) {
                throw bad("Bad IPv6 address literal");
            }
            return;
        }
        if (isIPv4(inner)) {
            return;
        }
        int colon = inner.indexOf(':');
        if (colon <= 0) {
            throw bad("Bad address literal");
        }
        // General-address-literal: Standardized-tag ":" 1*dcontent.
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            boolean ok = i < colon ? isLetDig(c) || c == '-' : i > colon && c >= 33 && c <= 126 && c != '['
                    && c != '\\' && c != ']';
            if (!ok) {
                throw bad("Bad address literal");
            }
        }
    }

    static boolean isIPv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIPv6(String text) {
        String body = text;
        int groupsWanted = 8;
        int lastColon = text.lastIndexOf(':');
        if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
            if (!isIPv4(text.substring(lastColon + 1))) {
                return false;
            }
            body = text.substring(0, lastColon + 1) + "0";
            groupsWanted = 7;
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups;
        int count;
        if (doubleColon >= 0) {
            String left = body.substring(0, doubleColon);
            String right = body.substring(doubleColon + 2);
            String[] l = left.isEmpty() ? new String[0] : left.split(":", -1);
            String[] r = right.isEmpty() ? new String[0] : right.split(":", -1);
            count = l.length + r.length;
            if (count > groupsWanted - 1) {
                return false;
            }
            groups = new String[count];
            System.arraycopy(l, 0, groups, 0, l.length);
            System.arraycopy(r, 0, groups, l.length, r.length);
        } else {
            groups = body.split(":", -1);
            if (groups.length != groupsWanted) {
                return false;
            }
        }
        if (groupsWanted == 7 && groups.length > 0) {
            // The placeholder "0" of the IPv4 tail stands for two groups.
            groups[groups.length - 1] = "0";
        }
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4) {
                return false;
            }
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0 || group.charAt(i) > 'f') {
                    return false;
                }
            }
        }
        return true;
    }

    private static String dropSourceRoute(String inner, boolean utf8) {
        int colon = inner.indexOf(':');
        if (colon < 0) {
            throw bad("Source route without ':'");
        }
        for (String hop : inner.substring(0, colon).split(",", -1)) {
            if (!hop.startsWith("@")) {
                throw bad("Bad source route");
            }
            if (!utf8 && !isAscii(hop)) {
                throw new SmtpSyntaxException(553, "5.6.7", "Address is not ASCII and SMTPUTF8 was not given");
            }
            checkDomain(hop.substring(1));
        }
        return inner.substring(colon + 1);
    }

    private static boolean isAtext(char c) {
        if (c >= 128) {
            return !Character.isISOControl(c) && !Character.isWhitespace(c);
        }
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static boolean isLetDig(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c >= 128 && Character.isLetterOrDigit(c) || Character.isSurrogate(c) || c >= 128 && Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean isDotString(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String local) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** Returns the domain in lower case, for comparisons. */
    public String domainLowerCase() {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static SmtpSyntaxException bad(String why) {
        return new SmtpSyntaxException(553, "5.1.3", why);
    }
}
