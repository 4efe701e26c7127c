package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshWireTest {

    @Test
    void writtenValuesReadBack() {
        byte[] bytes = new SshWireWriter().byteValue(7).uint32(0xffffffffL).uint64(1L << 40).name("ssh-rsa")
                .mpint(BigInteger.valueOf(0x80)).mpint(BigInteger.ZERO).utf8("é").nameList(List.of("a", "b"))
                .bool(true).raw(new byte[] {9}).toByteArray();
        SshWire wire = new SshWire(bytes);
        assertThat(wire.byteValue()).isEqualTo(7);
        assertThat(wire.uint32()).isEqualTo(0xffffffffL);
        assertThat(wire.uint64()).isEqualTo(1L << 40);
        assertThat(wire.name()).isEqualTo("ssh-rsa");
        assertThat(wire.mpint()).isEqualTo(BigInteger.valueOf(0x80));
        assertThat(wire.mpint()).isZero();
        assertThat(wire.utf8()).isEqualTo("é");
        assertThat(wire.nameList()).containsExactly("a", "b");
        assertThat(wire.bool()).isTrue();
        assertThat(wire.remaining()).isEqualTo(1);
        assertThat(wire.rest()).containsExactly(9);
        assertThat(wire.atEnd()).isTrue();
    }

    @Test
    void mpintsAreRfc4251Examples() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(new SshWireWriter().mpint(new BigInteger("9a378f9b2e332a7", 16)).toByteArray()))
                .isEqualTo("0000000809a378f9b2e332a7");
        assertThat(hex.formatHex(new SshWireWriter().mpint(BigInteger.valueOf(0x80)).toByteArray()))
                .isEqualTo("000000020080");
        assertThat(hex.formatHex(new SshWireWriter().mpint(BigInteger.valueOf(-0xdeadbeefL)).toByteArray()))
                .isEqualTo("00000005ff21524111");
    }

    @Test
    void lengthsBeyondTheDataAreRefusedWithoutAllocating() {
        assertThatThrownBy(() -> new SshWire(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1})
                .string()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshWire(new byte[3]).uint32()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshWire(new byte[] {(byte) 0x80, 0, 0, 0}).uint32AsInt())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
