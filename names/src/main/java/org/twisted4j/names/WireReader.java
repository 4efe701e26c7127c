package org.twisted4j.names;

/**
 * Reads the wire form of a message, checking every length against what is there: whatever the bytes say, it
 * reads within them and reports {@link DnsFormatError}, never another exception.
 */
final class WireReader {
    private final byte[] message;
    private int position;
    private int limit;

    WireReader(byte[] message) {
        this.message = message;
        this.limit = message.length;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - position;
    }

    /** Reads up to {@code end} only, until {@link #limit(int)} is called again. */
    void limit(int end) {
        limit = end;
    }

    int messageLength() {
        return message.length;
    }

    private void need(int n, String what) {
        if (n > limit - position) {
            throw new DnsFormatError(what + " cut short at offset " + position);
        }
    }

    int u8(String what) {
        need(1, what);
        return message[position++] & 0xff;
    }

    int u16(String what) {
        need(2, what);
        int value = (message[position] & 0xff) << 8 | message[position + 1] & 0xff;
        position += 2;
        return value;
    }

    long u32(String what) {
        need(4, what);
        long value = (long) (message[position] & 0xff) << 24 | (message[position + 1] & 0xff) << 16
                | (message[position + 2] & 0xff) << 8 | message[position + 3] & 0xff;
        position += 4;
        return value;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = java.util.Arrays.copyOfRange(message, position, position + n);
        position += n;
        return out;
    }

    ByteString byteString(int n, String what) {
        need(n, what);
        ByteString out = ByteString.of(message, position, n);
        position += n;
        return out;
    }

    ByteString rest() {
        return byteString(remaining(), "data");
    }

    /** A {@code <character-string>}: a length octet and that many octets. */
    byte[] characterString(String what) {
        int length = u8(what);
        return bytes(length, what);
    }

    /**
     * Reads a name, following compression pointers anywhere in the message. A pointer must point before the
     * start of the labels it continues, so pointers can neither loop nor point forward; the labels must not
     * pass {@link Name#MAX_WIRE_LENGTH} octets.
     */
    Name name(String what) {
        java.util.List<byte[]> labels = new java.util.ArrayList<>();
        int length = 1;
        int at = position;
        int fence = position; // a pointer must point before where the labels it continues begin
        boolean jumped = false;
        while (true) {
            if (at >= (jumped ? message.length : limit)) {
                throw new DnsFormatError(what + ": name cut short at offset " + at);
            }
            int b = message[at] & 0xff;
            if (b == 0) {
                at++;
                break;
            }
            switch (b & 0xc0) {
                case 0xc0 -> {
                    if (at + 1 >= (jumped ? message.length : limit)) {
                        throw new DnsFormatError(what + ": compression pointer cut short at offset " + at);
                    }
                    int target = (b & 0x3f) << 8 | message[at + 1] & 0xff;
                    if (target >= fence) {
                        throw new DnsFormatError(what + ": compression pointer at offset " + at + " to " + target
                                + " does not point back");
                    }
                    if (!jumped) {
                        position = at + 2;
                        jumped = true;
                    }
                    fence = target;
                    at = target;
                }
                case 0x00 -> {
                    if (at + 1 + b > (jumped ? message.length : limit)) {
                        throw new DnsFormatError(what + ": label cut short at offset " + at);
                    }
                    length += b + 1;
                    if (length > Name.MAX_WIRE_LENGTH) {
                        throw new DnsFormatError(what + ": name longer than 255 octets at offset " + at);
                    }
                    labels.add(java.util.Arrays.copyOfRange(message, at + 1, at + 1 + b));
                    at += 1 + b;
                }
                default -> throw new DnsFormatError(what + ": label type 0x" + Integer.toHexString(b & 0xc0)
                        + " at offset " + at);
            }
        }
        if (!jumped) {
            position = at;
        }
        return Name.ofChecked(labels.toArray(new byte[0][]));
    }
}
