package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

class SshTransportTest {

    private static final HostKey ED25519 = HostKey.generate("ssh-ed25519");

    /** A service that records what reaches it and echoes packets of type 200 back as 201. */
    static final class Echo extends SshService {
        final List<byte[]> received = new ArrayList<>();
        boolean started;

        @Override
        public String name() {
            return "test-echo";
        }

        @Override
        public void serviceStarted() {
            started = true;
        }

        @Override
        public void packetReceived(int messageNumber, SshWire payload) {
            byte[] data = payload.rest();
            received.add(data);
            if (messageNumber == 200) {
                transport().sendPacket(new SshWireWriter().byteValue(201).raw(data).toByteArray());
            }
        }
    }

    record Pair(SshServerTransport server, SshClientTransport client, Echo serverService, Echo clientService,
            IOPump pump, Clock clock) {
    }

    static Pair connect(TransportConfig serverConfig, TransportConfig clientConfig, HostKey hostKey,
            List<String> hostKeyAlgorithms) {
        Clock clock = new Clock();
        Echo serverService = new Echo();
        Echo clientService = new Echo();
        SshServerTransport server = new SshServerTransport(serverConfig, clock, List.of(hostKey),
                Map.of("test-echo", t -> serverService), Moduli.defaults());
        SshClientTransport client = new SshClientTransport(clientConfig, clock, HostKeyVerifier.TRUST_ANY,
                clientService, hostKeyAlgorithms);
        IOPump pump = IOPump.connectedLoopback(server, client);
        pump.flush();
        return new Pair(server, client, serverService, clientService, pump, clock);
    }

    static Pair connect(TransportConfig config) {
        return connect(config, new TransportConfig(), ED25519, SshClientTransport.HOST_KEY_ALGORITHMS);
    }

    private static void exchangeEcho(Pair pair) {
        pair.client().sendPacket(new byte[] {(byte) 200, 1, 2, 3});
        pair.pump().flush();
        assertThat(pair.serverService().received).singleElement().isEqualTo(new byte[] {1, 2, 3});
        assertThat(pair.clientService().received).singleElement().isEqualTo(new byte[] {1, 2, 3});
    }

    @ParameterizedTest
    @EnumSource(KexAlgorithm.class)
    void everyKeyExchangeMethodAgrees(KexAlgorithm kex) {
        Pair pair = connect(new TransportConfig().kex(kex));
        assertThat(pair.server().negotiated().kex()).isEqualTo(kex);
        assertThat(pair.client().sessionId()).isEqualTo(pair.server().sessionId());
        assertThat(pair.clientService().started).isTrue();
        exchangeEcho(pair);
    }

    @ParameterizedTest
    @EnumSource(value = CipherAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
    void everyCipherCarriesPackets(CipherAlgorithm cipher) {
        Pair pair = connect(new TransportConfig().ciphers(cipher));
        assertThat(pair.server().negotiated().cipherServerToClient()).isEqualTo(cipher);
        exchangeEcho(pair);
    }

    @ParameterizedTest
    @EnumSource(MacAlgorithm.class)
    void everyMacCarriesPackets(MacAlgorithm mac) {
        Pair pair = connect(new TransportConfig().ciphers(CipherAlgorithm.AES256_CTR).macs(mac));
        assertThat(pair.server().negotiated().macClientToServer()).isEqualTo(mac);
        exchangeEcho(pair);
    }

    static Stream<String> hostKeyAlgorithms() {
        return Stream.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                "rsa-sha2-256", "rsa-sha2-512");
    }

    @ParameterizedTest
    @MethodSource("hostKeyAlgorithms")
    void everyHostKeyAlgorithmSignsTheExchange(String algorithm) {
        HostKey key = HostKey.generate(algorithm.startsWith("rsa") ? "ssh-rsa" : algorithm);
        Pair pair = connect(new TransportConfig(), new TransportConfig(), key, List.of(algorithm));
        assertThat(pair.server().negotiated().hostKeyAlgorithm()).isEqualTo(algorithm);
        exchangeEcho(pair);
    }

    @Test
    void strictKexAndExtInfoAreAgreedAndServerSigAlgsAnnounced() {
        Pair pair = connect(new TransportConfig());
        assertThat(pair.server().negotiated().strictKex()).isTrue();
        assertThat(pair.client().serverSigAlgs()).containsAll(SshServerTransport.SERVER_SIG_ALGS);
    }

    @Test
    void rekeyByVolumeKeepsTheSessionIdAndDeliversHeldPackets() {
        Pair pair = connect(new TransportConfig().rekeyBytes(64 * 1024));
        byte[] sessionId = pair.server().sessionId();
        for (int i = 0; i < 40; i++) {
            pair.client().sendPacket(new SshWireWriter().byteValue(202).raw(new byte[4000]).toByteArray());
            pair.pump().flush();
        }
        assertThat(pair.server().kexCount()).isGreaterThan(1);
        assertThat(pair.client().kexCount()).isEqualTo(pair.server().kexCount());
        assertThat(pair.server().sessionId()).isEqualTo(sessionId);
        assertThat(pair.serverService().received).hasSize(40);
    }

    @Test
    void rekeyByTimeStartsAfterTheInterval() {
        Pair pair = connect(new TransportConfig().rekeySeconds(3600));
        pair.clock().advance(3599);
        pair.pump().flush();
        assertThat(pair.server().kexCount()).isEqualTo(1);
        pair.clock().advance(1);
        pair.pump().flush();
        assertThat(pair.server().kexCount()).isEqualTo(2);
        exchangeEcho(pair);
    }

    @Test
    void clientStartedRekeyWorksToo() {
        Pair pair = connect(new TransportConfig());
        pair.client().rekey();
        pair.client().sendPacket(new byte[] {(byte) 200, 9});
        pair.pump().flush();
        assertThat(pair.server().kexCount()).isEqualTo(2);
        assertThat(pair.serverService().received).singleElement().isEqualTo(new byte[] {9});
    }

    // Bad input, on a StringTransport.

    private static SshServerTransport serverOn(StringTransport wire) {
        SshServerTransport server = new SshServerTransport(new TransportConfig(), new Clock(), List.of(ED25519),
                Map.of(), Moduli.defaults());
        server.makeConnection(wire);
        return server;
    }

    private static byte[] clear(byte[] payload) {
        return new PacketWriter().write(payload, 0, payload.length);
    }

    private static int disconnectReason(StringTransport wire) throws Exception {
        byte[] out = wire.value();
        int lineEnd = new String(out, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        PacketReader reader = new PacketReader();
        reader.feed(ByteBuffer.wrap(out, lineEnd, out.length - lineEnd));
        byte[] payload;
        while ((payload = reader.next()) != null) {
            if (payload[0] == SshTransport.MSG_DISCONNECT) {
                return (int) new SshWire(payload, 1, payload.length - 1).uint32();
            }
        }
        return -1;
    }

    @Test
    void aNonSshClientGetsProtocolMismatch() {
        StringTransport wire = new StringTransport();
        SshServerTransport server = serverOn(wire);
        server.dataReceived(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(wire.valueAsString()).endsWith("Protocol mismatch.\r\n");
        assertThat(wire.isDisconnecting()).isTrue();
    }

    @Test
    void anOversizedPacketIsAProtocolError() throws Exception {
        StringTransport wire = new StringTransport();
        SshServerTransport server = serverOn(wire);
        server.dataReceived(ByteBuffer.wrap("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII)));
        server.dataReceived(ByteBuffer.wrap(new byte[] {0, 0x10, 0, 0, 0, 0, 0, 0}));
        assertThat(disconnectReason(wire)).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
        assertThat(wire.isDisconnecting()).isTrue();
    }

    @Test
    void aKexInitFloodIsAProtocolError() throws Exception {
        StringTransport wire = new StringTransport();
        SshServerTransport server = serverOn(wire);
        server.dataReceived(ByteBuffer.wrap("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] kexInit = new KexInit(new byte[16], List.of("curve25519-sha256"), List.of("ssh-ed25519"),
                List.of("aes128-ctr"), List.of("aes128-ctr"), List.of("hmac-sha2-256"), List.of("hmac-sha2-256"),
                List.of("none"), List.of("none"), List.of(), List.of(), false).toPayload();
        for (int i = 0; i < 3; i++) {
            server.dataReceived(ByteBuffer.wrap(clear(kexInit)));
        }
        assertThat(disconnectReason(wire)).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void noCommonCipherIsAKeyExchangeFailure() throws Exception {
        StringTransport wire = new StringTransport();
        SshServerTransport server = serverOn(wire);
        server.dataReceived(ByteBuffer.wrap("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] kexInit = new KexInit(new byte[16], List.of("curve25519-sha256"), List.of("ssh-ed25519"),
                List.of("3des-cbc"), List.of("3des-cbc"), List.of("hmac-sha2-256"), List.of("hmac-sha2-256"),
                List.of("none"), List.of("none"), List.of(), List.of(), false).toPayload();
        server.dataReceived(ByteBuffer.wrap(clear(kexInit)));
        assertThat(disconnectReason(wire)).isEqualTo(DisconnectReason.KEY_EXCHANGE_FAILED);
    }

    @Test
    void strictKexRefusesAnIgnoreBeforeKexInit() throws Exception {
        StringTransport wire = new StringTransport();
        SshServerTransport server = serverOn(wire);
        server.dataReceived(ByteBuffer.wrap("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] kexInit = new KexInit(new byte[16], List.of("curve25519-sha256", Negotiated.STRICT_CLIENT),
                List.of("ssh-ed25519"), List.of("aes128-ctr"), List.of("aes128-ctr"), List.of("hmac-sha2-256"),
                List.of("hmac-sha2-256"), List.of("none"), List.of("none"), List.of(), List.of(), false).toPayload();
        byte[] ignore = new SshWireWriter().byteValue(SshTransport.MSG_IGNORE).string(new byte[3]).toByteArray();
        PacketWriter writer = new PacketWriter();
        server.dataReceived(ByteBuffer.wrap(writer.write(ignore, 0, ignore.length)));
        server.dataReceived(ByteBuffer.wrap(writer.write(kexInit, 0, kexInit.length)));
        assertThat(disconnectReason(wire)).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void unknownMessagesGetUnimplemented() throws Exception {
        Pair pair = connect(new TransportConfig());
        pair.client().sendPacket(new byte[] {(byte) 250});
        pair.pump().flush();
        // The server's service knows no 250 either; the echo service records it; the transport answers nothing.
        assertThat(pair.serverService().received).hasSize(1);
    }
}
