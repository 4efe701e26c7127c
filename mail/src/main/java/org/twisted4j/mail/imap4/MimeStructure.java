package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The MIME structure of a message (RFC 2045/2046) as IMAP's FETCH needs it: the header fields, the body, the parts
 * of a multipart (split at their boundary), the message inside a message/rfc822, and from them ENVELOPE and
 * BODYSTRUCTURE as RFC 3501 §7.4.2 writes them. Encoded words are left as they are; 8-bit header octets are read
 * as UTF-8. Never fails: a malformed message is read as best it can be (a missing boundary makes a multipart of
 * one part, a part without a blank line is all header).
 *
 * <p>Threading: immutable once made, any thread.
 */
public final class MimeStructure {

    /** Deepest nesting of multiparts and messages read; deeper ones are taken as opaque bodies. */
    public static final int MAX_DEPTH = 32;
    /** Most parts read in one multipart; the rest are part of the last one. */
    public static final int MAX_PARTS = 1000;

    /**
     * One header field, unfolded.
     *
     * @param name its name as written
     * @param value its value, leading space removed, folding CRLFs removed
     */
    public record Field(String name, String value) {
    }

    private final byte[] bytes;
    private final int start;
    private final int bodyStart;
    private final int end;
    private final List<Field> fields;
    private final String type;
    private final String subtype;
    private final Map<String, String> params;
    private final List<MimeStructure> parts;
    private final @Nullable MimeStructure message;
    /** The ENVELOPE, written on first use (a benign race: any thread writes the same text). */
    private @Nullable String envelope;

    private MimeStructure(byte[] bytes, int start, int end, String defaultType, int depth) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        int bodyAt = end;
        List<Field> read = new ArrayList<>();
        int i = start;
        StringBuilder current = null;
        while (i < end) {
            int eol = i;
            while (eol < end && bytes[eol] != '\n') {
                eol++;
            }
            int lineEnd = eol > i && bytes[eol - 1] == '\r' ? eol - 1 : eol;
            int next = Math.min(eol + 1, end);
            if (lineEnd == i) {
                bodyAt = next;
                break;
            }
            String line = new String(bytes, i, lineEnd - i, UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
            } else {
                if (current != null) {
                    read.add(field(current.toString()));
                }
                current = new StringBuilder(line);
            }
            i = next;
            if (i >= end) {
                bodyAt = end;
            }
        }
        if (current != null) {
            read.add(field(current.toString()));
        }
        this.fields = List.copyOf(read);
        this.bodyStart = bodyAt;
        String contentType = header("Content-Type");
        String[] typeParts = (contentType == null ? defaultType : contentType.split(";", 2)[0]).trim().split("/", 2);
        String t = typeParts[0].trim().toLowerCase(Locale.ROOT);
        String s = typeParts.length > 1 ? typeParts[1].trim().toLowerCase(Locale.ROOT) : "";
        if (t.isEmpty() || s.isEmpty()) {
            t = "text";
            s = "plain";
        }
        this.type = t;
        this.subtype = s;
        this.params = contentType == null ? new LinkedHashMap<>() : parameters(contentType);
        if (type.equals("text") && !params.containsKey("charset")) {
            params.put("charset", "us-ascii");
        }
        List<MimeStructure> children = new ArrayList<>();
        MimeStructure inner = null;
        if (depth < MAX_DEPTH) {
            if (type.equals("multipart") && params.get("boundary") != null) {
                String child = subtype.equals("digest") ? "message/rfc822" : "text/plain";
                for (int[] range : split(bytes, bodyStart, end, params.get("boundary"))) {
                    children.add(new MimeStructure(bytes, range[0], range[1], child, depth + 1));
                }
            } else if (type.equals("message") && subtype.equals("rfc822")) {
                inner = new MimeStructure(bytes, bodyStart, end, "text/plain", depth + 1);
            }
        }
        this.parts = List.copyOf(children);
        this.message = inner;
    }

    /**
     * Reads a message.
     *
     * @param message its octets
     * @return its structure
     */
    public static MimeStructure parse(byte[] message) {
        return new MimeStructure(message, 0, message.length, "text/plain", 0);
    }

    private static Field field(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return new Field(line.trim(), "");
        }
        String value = line.substring(colon + 1);
        return new Field(line.substring(0, colon).trim(), value.strip());
    }

    /** Splits a multipart body at its boundary lines; returns the [start, end) of each part. */
    private static List<int[]> split(byte[] bytes, int from, int to, String boundary) {
        byte[] dashes = ("--" + boundary).getBytes(ISO_8859_1);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        int i = from;
        while (i < to) {
            int eol = i;
            while (eol < to && bytes[eol] != '\n') {
                eol++;
            }
            if (startsWith(bytes, i, eol, dashes)) {
                boolean close = startsWith(bytes, i + dashes.length, eol, new byte[] {'-', '-'});
                if (partStart >= 0 && ranges.size() < MAX_PARTS) {
                    int partEnd = i;
                    if (partEnd > partStart && bytes[partEnd - 1] == '\n') {
                        partEnd--;
                        if (partEnd > partStart && bytes[partEnd - 1] == '\r') {
                            partEnd--;
                        }
                    }
                    ranges.add(new int[] {partStart, Math.max(partStart, partEnd)});
                }
                if (close) {
                    return ranges;
                }
                partStart = Math.min(eol + 1, to);
            }
            i = eol + 1;
        }
        if (partStart >= 0 && ranges.size() < MAX_PARTS) {
            ranges.add(new int[] {partStart, Math.max(partStart, to)});
        }
        return ranges;
    }

    private static boolean startsWith(byte[] bytes, int at, int limit, byte[] prefix) {
        if (limit - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code ; name=value} parameters, names lower-cased, quotes removed. */
    static Map<String, String> parameters(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int eq = value.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String name = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            StringBuilder v = new StringBuilder();
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    if (value.charAt(j) == '\\' && j + 1 < value.length()) {
                        j++;
                    }
                    v.append(value.charAt(j++));
                }
                i = value.indexOf(';', j);
            } else {
                int semi = value.indexOf(';', j);
                v.append(value, j, semi < 0 ? value.length() : semi);
                i = semi;
            }
            if (!name.isEmpty() && out.size() < 64) {
                out.putIfAbsent(name, v.toString().trim());
            }
        }
        return out;
    }

    /** Returns the fields, in order. */
    public List<Field> fields() {
        return fields;
    }

    /** Returns the first field of this name (any case), unfolded, or null. */
    public @Nullable String header(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Returns the whole part, header and body. */
    public byte[] all() {
        return java.util.Arrays.copyOfRange(bytes, start, end);
    }

    /** Returns the header octets, with the blank line that ends them. */
    public byte[] headerBytes() {
        return java.util.Arrays.copyOfRange(bytes, start, bodyStart);
    }

    /** Returns the body octets. */
    public byte[] body() {
        return java.util.Arrays.copyOfRange(bytes, bodyStart, end);
    }

    /** Returns the header lines whose names are (or, with {@code not}, are not) among {@code names}, and a CRLF. */
    public byte[] headerFields(List<String> names, boolean not) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        String head = new String(bytes, start, bodyStart - start, UTF_8);
        for (String line : head.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                int colon = line.indexOf(':');
                String name = (colon < 0 ? line : line.substring(0, colon)).trim();
                boolean listed = names.stream().anyMatch(name::equalsIgnoreCase);
                keep = listed != not;
            }
            if (keep) {
                out.append(line).append("\r\n");
            }
        }
        out.append("\r\n");
        return out.toString().getBytes(UTF_8);
    }

    /** Returns the media type, lower case. */
    public String type() {
        return type;
    }

    /** Returns the media subtype, lower case. */
    public String subtype() {
        return subtype;
    }

    /** Returns the parts of a multipart (empty otherwise). */
    public List<MimeStructure> parts() {
        return parts;
    }

    /** Returns the message inside a message/rfc822, or null. */
    public @Nullable MimeStructure message() {
        return message;
    }

    /**
     * Returns the part named by a section number ({@code 1.2}), or null. Part 1 of a non-multipart is itself;
     * the parts of a message/rfc822 are those of the message inside.
     */
    public @Nullable MimeStructure part(int[] path) {
        MimeStructure at = this;
        for (int n : path) {
            MimeStructure container = at != this && at.message != null ? at.message : at;
            if (container.type.equals("multipart")) {
                if (n < 1 || n > container.parts.size()) {
                    return null;
                }
                at = container.parts.get(n - 1);
            } else if (n == 1) {
                at = container;
            } else {
                return null;
            }
        }
        return at;
    }

    private int lines() {
        int n = 0;
        for (int i = bodyStart; i < end; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        // As Dovecot counts: line ends, so a last line without one (before a boundary's CRLF) is not counted.
        return n;
    }

    /** Writes the ENVELOPE (RFC 3501 §7.4.2). */
    public String envelope() {
        String written = envelope;
        if (written == null) {
            written = writeEnvelope();
            envelope = written;
        }
        return written;
    }

    private String writeEnvelope() {
        List<String> items = new ArrayList<>();
        items.add(ImapWire.nstring(header("Date")));
        items.add(ImapWire.nstring(header("Subject")));
        String from = Addresses.list(header("From"));
        items.add(from);
        String sender = Addresses.list(header("Sender"));
        items.add(sender.equals("NIL") ? from : sender);
        String replyTo = Addresses.list(header("Reply-To"));
        items.add(replyTo.equals("NIL") ? from : replyTo);
        items.add(Addresses.list(header("To")));
        items.add(Addresses.list(header("Cc")));
        items.add(Addresses.list(header("Bcc")));
        items.add(ImapWire.nstring(header("In-Reply-To")));
        items.add(ImapWire.nstring(header("Message-ID")));
        return ImapWire.list(items);
    }

    /**
     * Writes the BODYSTRUCTURE (with {@code extensible}) or BODY (without) of this part.
     *
     * @param extensible true for BODYSTRUCTURE's extension data
     */
    public String bodyStructure(boolean extensible) {
        if (type.equals("multipart")) {
            StringBuilder out = new StringBuilder("(");
            for (MimeStructure part : parts) {
                out.append(part.bodyStructure(extensible));
            }
            if (parts.isEmpty()) {
                out.append("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
            }
            out.append(' ').append(ImapWire.quote(subtype));
            if (extensible) {
                out.append(' ').append(paramList()).append(' ').append(disposition()).append(' ')
                        .append(ImapWire.nstring(header("Content-Language"))).append(' ')
                        .append(ImapWire.nstring(header("Content-Location")));
            }
            return out.append(')').toString();
        }
        List<String> items = new ArrayList<>();
        items.add(ImapWire.quote(type));
        items.add(ImapWire.quote(subtype));
        items.add(paramList());
        items.add(ImapWire.nstring(header("Content-ID")));
        items.add(ImapWire.nstring(header("Content-Description")));
        String encoding = header("Content-Transfer-Encoding");
        items.add(ImapWire.quote(encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT)));
        items.add(Integer.toString(end - bodyStart));
        if (message != null) {
            items.add(message.envelope());
            items.add(message.bodyStructure(extensible));
            items.add(Integer.toString(lines()));
        } else if (type.equals("text")) {
            items.add(Integer.toString(lines()));
        }
        if (extensible) {
            items.add(ImapWire.nstring(header("Content-MD5")));
            items.add(disposition());
            items.add(ImapWire.nstring(header("Content-Language")));
            items.add(ImapWire.nstring(header("Content-Location")));
        }
        return ImapWire.list(items);
    }

    private String paramList() {
        if (params.isEmpty() || (type.equals("multipart") && params.isEmpty())) {
            return "NIL";
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            items.add(ImapWire.quote(e.getKey()));
            items.add(ImapWire.quote(e.getValue()));
        }
        return ImapWire.list(items);
    }

    private String disposition() {
        String value = header("Content-Disposition");
        if (value == null) {
            return "NIL";
        }
        String kind = value.split(";", 2)[0].trim();
        Map<String, String> p = parameters(value);
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            items.add(ImapWire.quote(e.getKey()));
            items.add(ImapWire.quote(e.getValue()));
        }
        return "(" + ImapWire.quote(kind) + " " + (items.isEmpty() ? "NIL" : ImapWire.list(items)) + ")";
    }
}
