package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Fuzzes the DER reader, {@link Der#readAll}, down through every constructed value, and the object
 * identifiers it reads. Whatever the bytes:
 * <ul>
 *   <li>the only error is an {@link IllegalArgumentException} of the reader's own, as the callers expect
 *       (they turn it into a {@link CertificateError});</li>
 *   <li>what is read is the input: the values' encodings, one after the other, are the input bytes, so no
 *       value holds more than the input did, whatever its length field claims;</li>
 *   <li>each value written back with {@link Der#tlv} reads back as the same tag and contents;</li>
 *   <li>an object identifier reads as dotted numbers that {@link Der#oid} writes back as the same contents.</li>
 * </ul>
 */
class DerFuzzTest {

    @FuzzTest
    void valuesReadBackAsWritten(FuzzedDataProvider data) {
        check(data.consumeRemainingAsBytes(), 0);
    }

    private static void check(byte[] der, int depth) {
        List<Der.Value> values;
        try {
            values = Der.readAll(der);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("DER");
            return;
        }
        ByteArrayOutputStream encodings = new ByteArrayOutputStream();
        for (Der.Value value : values) {
            encodings.writeBytes(value.encoded());
            Der.Value again = Der.read(Der.tlv(value.tag(), value.contents()));
            assertThat(again.tag()).isEqualTo(value.tag());
            assertThat(again.contents()).isEqualTo(value.contents());
            if (value.tag() == Der.OID) {
                checkObjectIdentifier(value);
            }
            if ((value.tag() & 0x20) != 0 && depth < 32) {
                check(value.contents(), depth + 1);
            }
        }
        assertThat(encodings.toByteArray()).isEqualTo(der);
    }

    private static void checkObjectIdentifier(Der.Value value) {
        String dotted;
        try {
            dotted = value.oidString();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("object identifier");
            return;
        }
        assertThat(dotted).matches("[0-2](\\.\\d+)+");
        if (!startsAnArcWithPadding(value.contents())) {
            assertThat(Der.read(Der.oid(dotted)).contents()).isEqualTo(value.contents());
        }
    }

    /** Whether an arc starts with 0x80, the padding BER allows and DER does not: such an encoding is not minimal. */
    private static boolean startsAnArcWithPadding(byte[] contents) {
        boolean arcStart = true;
        for (byte b : contents) {
            if (arcStart && (b & 0xFF) == 0x80) {
                return true;
            }
            arcStart = (b & 0x80) == 0;
        }
        return false;
    }
}
