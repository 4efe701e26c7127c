package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacketCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void poly1305MatchesRfc8439Vector() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        byte[] tag = new byte[16];
        Poly1305.mac(key, message, 0, message.length, tag, 0);
        assertThat(HEX.formatHex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void poly1305AgreesWithTheJdksChaCha20Poly1305Tags() throws Exception {
        // RFC 8439 section 2.8: the AEAD's tag is Poly1305 over the padded AAD, the padded ciphertext and both
        // lengths, under the first 32 octets of ChaCha20 block 0. Compare on random inputs of every length.
        Random random = new Random(11);
        for (int length = 0; length < 300; length += 1 + length / 8) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            byte[] plain = new byte[length];
            byte[] aad = new byte[length % 19];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(plain);
            random.nextBytes(aad);
            javax.crypto.spec.SecretKeySpec secret = new javax.crypto.spec.SecretKeySpec(key, "ChaCha20");
            javax.crypto.Cipher aead = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
            aead.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new javax.crypto.spec.IvParameterSpec(nonce));
            aead.updateAAD(aad);
            byte[] sealed = aead.doFinal(plain);
            javax.crypto.Cipher stream = javax.crypto.Cipher.getInstance("ChaCha20");
            stream.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new javax.crypto.spec.ChaCha20ParameterSpec(nonce, 0));
            byte[] polyKey = java.util.Arrays.copyOf(stream.update(new byte[64]), 32);
            int aadPadded = (aad.length + 15) / 16 * 16;
            int ctPadded = (length + 15) / 16 * 16;
            ByteBuffer macData = ByteBuffer.allocate(aadPadded + ctPadded + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            macData.put(aad).position(aadPadded).put(sealed, 0, length).position(aadPadded + ctPadded)
                    .putLong(aad.length).putLong(length);
            byte[] tag = new byte[16];
            Poly1305.mac(polyKey, macData.array(), 0, macData.capacity(), tag, 0);
            assertThat(tag).as("length %d", length).containsExactly(java.util.Arrays.copyOfRange(sealed, length,
                    length + 16));
        }
    }

    static Stream<DirectionKeys> everySuite() {
        List<DirectionKeys> suites = new ArrayList<>();
        Random random = new Random(7);
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            if (cipher == CipherAlgorithm.NONE) {
                continue;
            }
            if (cipher.isAead()) {
                suites.add(keys(random, cipher, null));
            } else {
                for (MacAlgorithm mac : MacAlgorithm.values()) {
                    suites.add(keys(random, cipher, mac));
                }
            }
        }
        return suites.stream();
    }

    static DirectionKeys keys(Random random, CipherAlgorithm cipher, MacAlgorithm mac) {
        byte[] iv = new byte[cipher.ivLength()];
        byte[] key = new byte[cipher.keyLength()];
        byte[] macKey = new byte[mac == null ? 0 : mac.length()];
        random.nextBytes(iv);
        random.nextBytes(key);
        random.nextBytes(macKey);
        return new DirectionKeys(cipher, mac, iv, key, macKey);
    }

    @ParameterizedTest
    @MethodSource("everySuite")
    void writtenPacketsReadBackWhateverTheSplit(DirectionKeys keys) throws Exception {
        PacketWriter writer = new PacketWriter(new Random(1));
        PacketReader reader = new PacketReader();
        writer.setKeys(keys);
        reader.setKeys(keys);
        Random random = new Random(3);
        List<byte[]> sent = new ArrayList<>();
        ByteBuffer wire = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < 40; i++) {
            byte[] payload = new byte[random.nextInt(i < 20 ? 40 : 5000)];
            random.nextBytes(payload);
            sent.add(payload);
            byte[] packet = writer.write(payload, 0, payload.length);
            assertThat((packet.length - (packet.length - 4 - (packetLengthAligned(keys) ? 0 : 4)))).isNotNegative();
            wire.put(packet);
        }
        wire.flip();
        List<byte[]> received = new ArrayList<>();
        while (wire.hasRemaining()) {
            int n = Math.min(wire.remaining(), 1 + random.nextInt(97));
            ByteBuffer slice = wire.slice(wire.position(), n);
            wire.position(wire.position() + n);
            reader.feed(slice);
            byte[] payload;
            while ((payload = reader.next()) != null) {
                received.add(payload);
            }
        }
        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(reader.sequence()).isEqualTo(40);
        assertThat(reader.buffered()).isZero();
    }

    private static boolean packetLengthAligned(DirectionKeys keys) {
        return keys.cipher().isAead() || keys.mac().isEtm();
    }

    @ParameterizedTest
    @MethodSource("everySuite")
    void aFlippedBitIsAMacError(DirectionKeys keys) throws Exception {
        PacketWriter writer = new PacketWriter();
        writer.setKeys(keys);
        byte[] packet = writer.write(new byte[100], 0, 100);
        packet[packet.length - 20] ^= 1;
        PacketReader reader = new PacketReader();
        reader.setKeys(keys);
        reader.feed(packet);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(SshProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(DisconnectReason.MAC_ERROR));
    }

    @Test
    void anOversizedPacketIsRefusedFromItsLengthAlone() {
        PacketReader reader = new PacketReader();
        reader.feed(new byte[] {0, 4, 0, 4, 0, 0, 0, 0});
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(SshProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR));
    }

    @Test
    void clearPacketsMatchTheRfcLayout() throws Exception {
        PacketWriter writer = new PacketWriter(new Random(0));
        byte[] packet = writer.write(new byte[] {21}, 0, 1);
        // packet_length 12, padding_length 10, payload 21, ten octets of padding: 16 octets in all.
        assertThat(packet).hasSize(16);
        assertThat(HEX.formatHex(packet, 0, 6)).isEqualTo("0000000c0a15");
        PacketReader reader = new PacketReader();
        reader.feed(packet);
        assertThat(reader.next()).containsExactly(21);
    }

    @Test
    void chachaPacketsAreEightOctetAlignedWithoutTheLength() {
        PacketWriter writer = new PacketWriter();
        writer.setKeys(keys(new Random(5), CipherAlgorithm.CHACHA20_POLY1305, null));
        byte[] packet = writer.write(new byte[10], 0, 10);
        assertThat((packet.length - 4 - 16) % 8).isZero();
    }
}
