package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes the SSH binary packet reader under every cipher and MAC, and the server transport behind it.
 *
 * <p>Invariants: the packet reader gives the same payloads and the same error (only {@link SshProtocolException},
 * with {@code PROTOCOL_ERROR} or {@code MAC_ERROR}) however its input is split; no payload is longer than the
 * maximum packet; packets written under the same keys read back as written, however split. The server transport,
 * fed any bytes after a valid identification, lets nothing escape and ends, if it ends, with a DISCONNECT.
 */
class PacketReaderFuzzTest {

    private static final List<DirectionKeys> SUITES = PacketCodecTest.everySuite().toList();

    private static DirectionKeys suite(FuzzedDataProvider data) {
        int index = data.consumeInt(-1, SUITES.size() - 1);
        return index < 0 ? DirectionKeys.NONE : SUITES.get(index);
    }

    private static int[] cuts(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 1 << 16);
        }
        return cuts;
    }

    private static List<ByteBuffer> pieces(byte[] input, int[] cuts) {
        List<ByteBuffer> pieces = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(input.length, at + cut);
            pieces.add(ByteBuffer.wrap(input, at, end - at));
            at = end;
        }
        pieces.add(ByteBuffer.wrap(input, at, input.length - at));
        return pieces;
    }

    /** What a reader made of some input: the payloads, then the error code or -1. */
    private record Outcome(List<String> payloads, int error) {
    }

    private static Outcome read(DirectionKeys keys, List<ByteBuffer> pieces) {
        PacketReader reader = new PacketReader();
        reader.setKeys(keys);
        List<String> payloads = new ArrayList<>();
        try {
            for (ByteBuffer piece : pieces) {
                reader.feed(piece.duplicate());
                byte[] payload;
                while ((payload = reader.next()) != null) {
                    assertThat(payload.length).isLessThanOrEqualTo(PacketReader.MAX_PACKET_LENGTH);
                    payloads.add(java.util.HexFormat.of().formatHex(payload));
                }
            }
            return new Outcome(payloads, -1);
        } catch (SshProtocolException e) {
            assertThat(e.reason()).isIn(DisconnectReason.PROTOCOL_ERROR, DisconnectReason.MAC_ERROR);
            return new Outcome(payloads, e.reason());
        }
    }

    @FuzzTest
    void packetsReadTheSameHoweverSplit(FuzzedDataProvider data) {
        DirectionKeys keys = suite(data);
        int[] cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        Outcome whole = read(keys, List.of(ByteBuffer.wrap(input)));
        Outcome split = read(keys, pieces(input, cuts));
        assertThat(split).isEqualTo(whole);
    }

    @FuzzTest
    void writtenPacketsReadBackHoweverSplit(FuzzedDataProvider data) {
        DirectionKeys keys = suite(data);
        int[] cuts = cuts(data);
        int count = data.consumeInt(1, 8);
        PacketWriter writer = new PacketWriter(new Random(data.consumeLong()));
        writer.setKeys(keys);
        List<String> sent = new ArrayList<>();
        ByteBuffer wire = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            byte[] payload = data.consumeBytes(data.consumeInt(0, 2000));
            sent.add(java.util.HexFormat.of().formatHex(payload));
            wire.put(writer.write(payload, 0, payload.length));
        }
        byte[] bytes = java.util.Arrays.copyOf(wire.array(), wire.position());
        Outcome outcome = read(keys, pieces(bytes, cuts));
        assertThat(outcome).isEqualTo(new Outcome(sent, -1));
    }

    @FuzzTest
    void serverTransportTakesAnyPacketsWithoutEscaping(FuzzedDataProvider data) {
        int[] cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        StringTransport wire = new StringTransport();
        SshServerTransport server = new SshServerTransport(new TransportConfig(), new Clock(),
                List.of(SshTransportTestKeys.ED25519), Map.of(), Moduli.defaults());
        server.makeConnection(wire);
        server.dataReceived(ByteBuffer.wrap("SSH-2.0-fuzz\r\n".getBytes(StandardCharsets.US_ASCII)));
        for (ByteBuffer piece : pieces(input, cuts)) {
            server.dataReceived(piece);
        }
        Objects.requireNonNull(wire.value());
    }
}
