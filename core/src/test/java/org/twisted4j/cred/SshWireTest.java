package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SshWireTest {

    @Test
    void writtenValuesReadBack() {
        byte[] bytes = new SshWire.Writer().octet(7).uint32(-1).uint64(1L << 40).string("ssh-rsa")
                .mpint(BigInteger.valueOf(0x80)).mpint(BigInteger.ZERO).utf8("é").raw(new byte[] {9}).toByteArray();
        SshWire wire = new SshWire(bytes);
        assertThat(wire.octet()).isEqualTo(7);
        assertThat(wire.uint32()).isEqualTo(-1);
        assertThat(wire.uint64()).isEqualTo(1L << 40);
        assertThat(wire.name()).isEqualTo("ssh-rsa");
        assertThat(wire.mpint()).isEqualTo(BigInteger.valueOf(0x80));
        assertThat(wire.mpint()).isZero();
        assertThat(wire.utf8()).isEqualTo("é");
        assertThat(wire.remaining()).isEqualTo(1);
        assertThat(wire.raw(1)).containsExactly(9);
        assertThat(wire.atEnd()).isTrue();
    }

    @Test
    void mpintsAreRfc4251Examples() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(new SshWire.Writer().mpint(new BigInteger("9a378f9b2e332a7", 16)).toByteArray()))
                .isEqualTo("0000000809a378f9b2e332a7");
        assertThat(hex.formatHex(new SshWire.Writer().mpint(BigInteger.valueOf(0x80)).toByteArray()))
                .isEqualTo("000000020080");
        assertThat(hex.formatHex(new SshWire.Writer().mpint(BigInteger.valueOf(-0xdeadbeefL)).toByteArray()))
                .isEqualTo("00000005ff21524111");
    }

    @Test
    void lengthsBeyondTheDataAreRefusedWithoutAllocating() {
        assertThatThrownBy(() -> new SshWire(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1})
                .string()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshWire(new byte[3]).uint32()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshWire(new byte[3]).raw(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
