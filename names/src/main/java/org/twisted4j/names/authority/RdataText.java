package org.twisted4j.names.authority;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.twisted4j.names.authority.ZoneLexer.Token;

/**
 * Record data in presentation form (RFC 1035 §5.1 and each type's RFC) turned into its uncompressed wire form:
 * every type the codec knows, and {@code \# LENGTH HEX} (RFC 3597 §5) for any type.
 */
final class RdataText {

    /** The longest character-string, in bytes (RFC 1035 §3.3). */
    static final int MAX_STRING = 255;
    /** The most record data a record can carry. */
    static final int MAX_RDATA = 0xFFFF;

    private static final DateTimeFormatter SIGNATURE_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private final List<Token> tokens;
    private final String origin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int next;

    private RdataText(List<Token> tokens, String origin) {
        this.tokens = tokens;
        this.origin = origin;
    }

    /**
     * Returns the wire form of the record data.
     *
     * @param origin the origin relative names in the data complete to
     * @throws IllegalArgumentException saying what is wrong with the data
     */
    static byte[] toWire(int type, List<Token> tokens, String origin) {
        RdataText reader = new RdataText(tokens, origin);
        if (!tokens.isEmpty() && !tokens.get(0).quoted() && tokens.get(0).text().equals("\\#")) {
            reader.next = 1;
            reader.generic();
        } else {
            reader.read(type);
        }
        if (reader.next < tokens.size()) {
            throw new IllegalArgumentException("unexpected " + tokens.get(reader.next) + " after the "
                    + RecordTypes.name(type) + " data");
        }
        if (reader.out.size() > MAX_RDATA) {
            throw new IllegalArgumentException("record data longer than 65535 bytes");
        }
        return reader.out.toByteArray();
    }

    private void read(int type) {
        switch (type) {
            case RecordTypes.A -> out.writeBytes(address(word(), 4));
            case RecordTypes.AAAA -> out.writeBytes(address(word(), 16));
            case RecordTypes.NS, RecordTypes.CNAME, RecordTypes.DNAME, RecordTypes.PTR, 3, 4, 7, 8, 9 -> name();
            case RecordTypes.SOA -> {
                name();
                name();
                u32(word());
                for (int i = 0; i < 4; i++) {
                    int32(ZoneFileParser.ttl(word()));
                }
            }
            case RecordTypes.MX, 18 -> {
                u16(word());
                name();
            }
            case RecordTypes.TXT, RecordTypes.SPF -> {
                string();
                while (next < tokens.size()) {
                    string();
                }
            }
            case RecordTypes.HINFO -> {
                string();
                string();
            }
            case RecordTypes.RP, 14 -> {
                name();
                name();
            }
            case RecordTypes.SRV -> {
                u16(word());
                u16(word());
                u16(word());
                name();
            }
            case RecordTypes.NAPTR -> {
                u16(word());
                u16(word());
                string();
                string();
                string();
                name();
            }
            case RecordTypes.CAA -> {
                u8(word());
                byte[] tag = bytes(take());
                if (tag.length == 0 || tag.length > 255) {
                    throw new IllegalArgumentException("a CAA tag is 1 to 255 characters");
                }
                out.write(tag.length);
                out.writeBytes(tag);
                out.writeBytes(bytes(take()));
            }
            case RecordTypes.SSHFP -> {
                u8(word());
                u8(word());
                hexRest();
            }
            case RecordTypes.TLSA -> {
                u8(word());
                u8(word());
                u8(word());
                hexRest();
            }
            case RecordTypes.DS -> {
                u16(word());
                u8(word());
                u8(word());
                hexRest();
            }
            case RecordTypes.DNSKEY -> {
                u16(word());
                u8(word());
                u8(word());
                base64Rest();
            }
            case RecordTypes.RRSIG -> rrsig();
            case RecordTypes.NSEC -> {
                name();
                typeBitmaps();
            }
            case RecordTypes.NSEC3 -> {
                u8(word());
                u8(word());
                u16(word());
                salt();
                byte[] hash = Base32Hex.decode(word());
                if (hash.length == 0 || hash.length > 255) {
                    throw new IllegalArgumentException("an NSEC3 next hashed owner is 1 to 255 bytes");
                }
                out.write(hash.length);
                out.writeBytes(hash);
                typeBitmaps();
            }
            case RecordTypes.NSEC3PARAM -> {
                u8(word());
                u8(word());
                u16(word());
                salt();
            }
            case RecordTypes.SVCB, RecordTypes.HTTPS -> {
                u16(word());
                name();
                SvcParams.write(tokens.subList(next, tokens.size()), out);
                next = tokens.size();
            }
            case RecordTypes.OPT -> throw new IllegalArgumentException("OPT records do not belong in zone files");
            default -> throw new IllegalArgumentException(RecordTypes.name(type)
                    + " data must be written in the \\# LENGTH HEX form");
        }
    }

    private void generic() {
        String length = word();
        int declared;
        try {
            declared = Integer.parseInt(length);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\\# needs a decimal length, not " + length);
        }
        if (declared < 0 || declared > MAX_RDATA) {
            throw new IllegalArgumentException("\\# length " + declared + " is out of range");
        }
        if (declared > 0) {
            hexRest();
        }
        if (out.size() != declared) {
            throw new IllegalArgumentException("\\# says " + declared + " bytes but the hex holds " + out.size());
        }
    }

    private void rrsig() {
        int covered = RecordTypes.number(word());
        if (covered < 0) {
            throw new IllegalArgumentException("unknown type covered by the RRSIG");
        }
        out.write(covered >> 8);
        out.write(covered);
        u8(word());
        u8(word());
        int32(ZoneFileParser.ttl(word()));
        int32(signatureTime(word()));
        int32(signatureTime(word()));
        u16(word());
        name();
        base64Rest();
    }

    private static long signatureTime(String text) {
        if (text.length() == 14 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return LocalDateTime.parse(text, SIGNATURE_TIME).toEpochSecond(ZoneOffset.UTC) & 0xFFFFFFFFL;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad signature time " + text);
            }
        }
        return number(text, 0xFFFFFFFFL);
    }

    private void salt() {
        String salt = word();
        if (salt.equals("-")) {
            out.write(0);
            return;
        }
        byte[] bytes = hex(salt);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("a salt is at most 255 bytes");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private void typeBitmaps() {
        TreeSet<Integer> types = new TreeSet<>();
        while (next < tokens.size()) {
            String text = word();
            int type = RecordTypes.number(text);
            if (type < 0) {
                throw new IllegalArgumentException("unknown type " + text + " in a type bitmap");
            }
            types.add(type);
        }
        TreeMap<Integer, byte[]> windows = new TreeMap<>();
        for (int type : types) {
            byte[] window = windows.computeIfAbsent(type >> 8, w -> new byte[32]);
            window[(type & 0xFF) >> 3] |= (byte) (0x80 >> (type & 7));
        }
        windows.forEach((number, bits) -> {
            int length = 32;
            while (length > 0 && bits[length - 1] == 0) {
                length--;
            }
            out.write(number);
            out.write(length);
            out.write(bits, 0, length);
        });
    }

    private void name() {
        Token token = take();
        if (token.quoted()) {
            throw new IllegalArgumentException("a name cannot be quoted: " + token);
        }
        TextNames.write(TextNames.absolute(token.text(), origin), out);
    }

    private void string() {
        byte[] bytes = bytes(take());
        if (bytes.length > MAX_STRING) {
            throw new IllegalArgumentException("a character-string is at most 255 bytes");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** Decodes a token's escapes into its bytes. */
    static byte[] bytes(Token token) {
        String text = token.text();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = TextNames.unescape(text, i, bytes);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                i++;
            }
        }
        return bytes.toByteArray();
    }

    private void hexRest() {
        StringBuilder all = new StringBuilder();
        while (next < tokens.size()) {
            all.append(word());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("hex data missing");
        }
        out.writeBytes(hex(all.toString()));
    }

    private void base64Rest() {
        StringBuilder all = new StringBuilder();
        while (next < tokens.size()) {
            all.append(word());
        }
        try {
            out.writeBytes(Base64.getDecoder().decode(all.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad base64: " + e.getMessage());
        }
    }

    private static byte[] hex(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("hex data of odd length");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad hex data: " + TextNames.abbreviate(text));
        }
    }

    private static byte[] address(String text, int length) {
        if (length == 4) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) number(parts[i], 255);
            }
            return bytes;
        }
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
                || text.length() > 45) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length != 16) {
                // An IPv4-mapped literal comes back as four bytes.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
    }

    private Token take() {
        if (next >= tokens.size()) {
            throw new IllegalArgumentException("record data ends too soon");
        }
        return tokens.get(next++);
    }

    private String word() {
        Token token = take();
        if (token.quoted()) {
            throw new IllegalArgumentException("unexpected quoted string " + token);
        }
        return token.text();
    }

    private void u8(String text) {
        out.write((int) number(text, 0xFF));
    }

    private void u16(String text) {
        int value = (int) number(text, 0xFFFF);
        out.write(value >> 8);
        out.write(value);
    }

    private void u32(String text) {
        int32(number(text, 0xFFFFFFFFL));
    }

    private void int32(long value) {
        out.write((int) (value >> 24));
        out.write((int) (value >> 16));
        out.write((int) (value >> 8));
        out.write((int) value);
    }

    static long number(String text, long max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a number: " + TextNames.abbreviate(text));
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException(text + " is over " + max);
        }
        return value;
    }
}
