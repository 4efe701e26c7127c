package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.transport.SshTransportTest.Pair;
import org.twisted4j.cred.SshWireWriter;

/** zlib and OpenSSH's delayed zlib between our client and server, and the inflation limit. */
class CompressionTest {

    private static void echoMany(Pair pair, int count) {
        Random random = new Random(7);
        int before = pair.serverService().received.size();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(30_000)];
            Arrays.fill(data, 0, data.length / 2, (byte) 'a');
            byte[] noise = new byte[data.length - data.length / 2];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, data, data.length / 2, noise.length);
            pair.client().sendPacket(new SshWireWriter().byteValue(200).raw(data).toByteArray());
            pair.pump().flush();
            assertThat(pair.serverService().received.get(before + i)).isEqualTo(data);
            assertThat(pair.clientService().received.get(before + i)).isEqualTo(data);
        }
    }

    @Test
    void plainZlibCompressesFromTheFirstNewKeys() {
        TransportConfig zlib = new TransportConfig().compression(CompressionAlgorithm.ZLIB);
        Pair pair = SshTransportTest.connect(zlib, zlib, SshTransportTestKeys.ED25519,
                SshClientTransport.HOST_KEY_ALGORITHMS);
        assertThat(pair.server().negotiated().compressionClientToServer()).isEqualTo(CompressionAlgorithm.ZLIB);
        assertThat(pair.server().compressionInUse()).isEqualTo("zlib/zlib");
        assertThat(pair.client().compressionInUse()).isEqualTo("zlib/zlib");
        echoMany(pair, 20);
    }

    @Test
    void delayedZlibStartsOnlyAfterAuthenticationAndSurvivesRekeys() {
        TransportConfig delayed = new TransportConfig().compression(CompressionAlgorithm.ZLIB_OPENSSH,
                CompressionAlgorithm.NONE).rekeyBytes(200_000);
        Pair pair = SshTransportTest.connect(delayed, delayed, SshTransportTestKeys.ED25519,
                SshClientTransport.HOST_KEY_ALGORITHMS);
        assertThat(pair.server().negotiated().compressionServerToClient())
                .isEqualTo(CompressionAlgorithm.ZLIB_OPENSSH);
        assertThat(pair.server().compressionInUse()).isEqualTo("none/none");
        echoMany(pair, 3);
        pair.server().userAuthenticated();
        pair.client().userAuthenticated();
        assertThat(pair.server().compressionInUse()).isEqualTo("zlib/zlib");
        assertThat(pair.client().compressionInUse()).isEqualTo("zlib/zlib");
        echoMany(pair, 40);
        assertThat(pair.server().kexCount()).isGreaterThan(1);
        assertThat(pair.server().compressionInUse()).isEqualTo("zlib/zlib");
    }

    @Test
    void theDefaultOffersDelayedZlibButPrefersNone() {
        Pair pair = SshTransportTest.connect(new TransportConfig());
        assertThat(pair.server().negotiated().compressionClientToServer()).isEqualTo(CompressionAlgorithm.NONE);
        pair.server().userAuthenticated();
        assertThat(pair.server().compressionInUse()).isEqualTo("none/none");
    }

    @Test
    void aCompressionBombIsACompressionErrorNotAnAllocation() throws Exception {
        ZlibStream in = ZlibStream.inflating();
        ZlibStream out = ZlibStream.deflating();
        byte[] bomb = out.deflate(new byte[ZlibStream.MAX_INFLATED + 1], 0, ZlibStream.MAX_INFLATED + 1);
        assertThat(bomb.length).isLessThan(2000);
        assertThatThrownBy(() -> in.inflate(bomb)).isInstanceOfSatisfying(SshProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(DisconnectReason.COMPRESSION_ERROR));
    }

    @Test
    void exactlyTheLimitInflates() throws Exception {
        ZlibStream in = ZlibStream.inflating();
        ZlibStream out = ZlibStream.deflating();
        byte[] data = new byte[ZlibStream.MAX_INFLATED];
        assertThat(in.inflate(out.deflate(data, 0, data.length))).isEqualTo(data);
        assertThat(in.inflate(out.deflate(new byte[] {1, 2}, 0, 2))).containsExactly(1, 2);
    }

    @Test
    void garbageIsACompressionError() {
        ZlibStream in = ZlibStream.inflating();
        assertThatThrownBy(() -> in.inflate(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOfSatisfying(SshProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(DisconnectReason.COMPRESSION_ERROR));
    }

    @Test
    void aBombOverTheWireDisconnectsWithCompressionError() {
        TransportConfig zlib = new TransportConfig().compression(CompressionAlgorithm.ZLIB);
        Pair pair = SshTransportTest.connect(zlib, zlib, SshTransportTestKeys.ED25519,
                SshClientTransport.HOST_KEY_ALGORITHMS);
        // A packet whose payload inflates to 1 MiB: the writer does not check sizes, the reader does.
        pair.client().sendPacket(new SshWireWriter().byteValue(200).raw(new byte[1 << 20]).toByteArray());
        pair.pump().flush();
        assertThat(pair.server().isDisconnected()).isTrue();
        assertThat(pair.server().disconnectReason()).isEqualTo(DisconnectReason.COMPRESSION_ERROR);
    }
}
