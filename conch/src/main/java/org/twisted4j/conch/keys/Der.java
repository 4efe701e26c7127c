package org.twisted4j.conch.keys;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little of DER (X.690) that PKCS#1, SEC1 and PKCS#8 key structures need: reading one element after another
 * and writing an element from its contents. Lengths are checked against the data, so nothing claimed is
 * allocated.
 *
 * <h2>Threading</h2>
 * Confined to the thread that reads with it.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xa0;
    static final int CONTEXT_1 = 0xa1;

    static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    static final byte[] OID_EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    static final byte[] OID_ED25519 = {0x2b, 0x65, 0x70};
    static final byte[] OID_P256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    static final byte[] OID_P384 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
    static final byte[] OID_P521 = {0x2b, (byte) 0x81, 0x04, 0x00, 0x23};

    /** One element: its tag and contents. */
    record Element(int tag, byte[] contents) {
        /** Reads the contents as a sequence of elements. */
        Der children() {
            return new Der(contents);
        }
    }

    private final byte[] data;
    private int position;

    Der(byte[] data) {
        this.data = data;
    }

    boolean atEnd() {
        return position >= data.length;
    }

    /** Peeks at the next tag, or -1 at the end. */
    int peekTag() {
        return atEnd() ? -1 : data[position] & 0xff;
    }

    /** Reads the next element, which must have this tag. */
    Element next(int tag) throws BadKeyException {
        Element element = next();
        if (element.tag != tag) {
            throw new BadKeyException("DER: expected tag " + tag + ", found " + element.tag);
        }
        return element;
    }

    /** Reads the next element. */
    Element next() throws BadKeyException {
        if (data.length - position < 2) {
            throw new BadKeyException("DER: element cut short");
        }
        int tag = data[position++] & 0xff;
        int first = data[position++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || data.length - position < octets) {
                throw new BadKeyException("DER: bad length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (data[position++] & 0xff);
            }
        }
        if (length > data.length - position) {
            throw new BadKeyException("DER: element longer than its data");
        }
        int start = position;
        position += (int) length;
        return new Element(tag, Arrays.copyOfRange(data, start, position));
    }

    /** Skips {@code count} elements. */
    Der skip(int count) throws BadKeyException {
        for (int i = 0; i < count; i++) {
            next();
        }
        return this;
    }

    /** Writes one element. */
    static byte[] element(int tag, byte[]... parts) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            contents.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(contents.toByteArray());
        return out.toByteArray();
    }
}
