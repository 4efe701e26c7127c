package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DerTest {
    @Test
    void objectIdentifiersRoundTripIncludingLargeArcs() {
        for (String oid : new String[] {"1.2.840.113549.1.1.11", "2.5.29.17", "1.3.6.1.4.1.11591.4.11", "2.999.3"}) {
            assertThat(Der.read(Der.oid(oid)).oidString()).isEqualTo(oid);
        }
        assertThat(Der.oid("1.2.840.10045.2.1")).containsExactly(0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01);
    }

    @Test
    void lengthsUseTheShortestFormAndReadBack() {
        byte[] small = Der.octetString(new byte[127]);
        byte[] medium = Der.octetString(new byte[200]);
        byte[] large = Der.octetString(new byte[70000]);

        assertThat(small).startsWith(0x04, 0x7F);
        assertThat(medium).startsWith(0x04, 0x81, 0xC8);
        assertThat(large).startsWith(0x04, 0x83, 0x01, 0x11, 0x70);
        assertThat(Der.read(large).contents()).hasSize(70000);
    }

    @Test
    void integersAreSignedMinimalAndNestedValuesReadBack() {
        byte[] sequence = Der.sequence(Der.integer(0), Der.integer(128), Der.nullValue());

        assertThat(sequence).containsExactly(0x30, 0x09, 0x02, 0x01, 0x00, 0x02, 0x02, 0x00, 0x80, 0x05, 0x00);
        assertThat(Der.read(sequence).children()).extracting(Der.Value::tag).containsExactly(0x02, 0x02, 0x05);
    }

    @Test
    void timesSwitchFromUtcTimeToGeneralizedTimeIn2050() {
        assertThat(new String(Der.time(Instant.parse("2049-12-31T23:59:59Z")), java.nio.charset.StandardCharsets.US_ASCII))
                .endsWith("491231235959Z").startsWith("\u0017");
        assertThat(new String(Der.time(Instant.parse("2050-01-01T00:00:00Z")), java.nio.charset.StandardCharsets.US_ASCII))
                .endsWith("20500101000000Z").startsWith("\u0018");
    }

    @Test
    void anObjectIdentifierThatIsEmptyOrCutOffIsRefused() {
        assertThatThrownBy(() -> Der.read(new byte[] {0x06, 0x00}).oidString())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object identifier");
        byte[] cutOff = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x01, (byte) 0xF7};
        assertThatThrownBy(() -> Der.read(cutOff).oidString())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object identifier");
    }

    @Test
    void aLengthNearTwoGigabytesIsRefusedWithoutAllocatingIt() {
        byte[] der = new byte[70];
        byte[] value = {0x04, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        System.arraycopy(value, 0, der, 64, value.length);
        assertThatThrownBy(() -> Der.readAll(der)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DER value truncated");
    }

    @Test
    void truncatedInputIsRefused() {
        assertThatThrownBy(() -> Der.read(new byte[] {0x30, 0x05, 0x02})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.read(new byte[] {0x30})).isInstanceOf(IllegalArgumentException.class);
    }
}
