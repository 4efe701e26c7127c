package org.twisted4j.spread.pb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Deferred;
import org.twisted4j.spread.banana.BananaDecoder;
import org.twisted4j.spread.banana.BananaEncoder;
import org.twisted4j.spread.pb.PbFixtures.Everything;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * The broker byte for byte on a {@link StringTransport}: the bytes Python Twisted 22.4's own broker exchanges
 * for the handshake and {@code root.callRemote("add", 1, 2)} (captured from it), and the broker's answers to
 * unknown commands and to input that breaks the protocol.
 */
@ExtendWith(TrialExtension.class)
class BrokerWireTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Python's server on connect: the dialect offer {@code [b"pb", b"none"]}. */
    private static final String S0 = "02800282706204826e6f6e65";
    /** Python's client, answering it: dialect {@code pb}, then {@code [version, 6]}. */
    private static final String C0 = "02827062028013870681";
    /** Python's client: {@code root.callRemote("add", 1, 2)}. */
    private static final String C1 = "07801a8701810482726f6f740382616464018103800b870181028101800587";
    /** Python's server after C0: {@code [version, 6]}. */
    private static final String S1 = "028013870681";
    /** Python's server after C1: {@code [answer, 1, 3]}. */
    private static final String S2 = "03801b8701810381";

    private static void feed(Broker broker, String hex) {
        broker.dataReceived(ByteBuffer.wrap(HEX.parseHex(hex)));
    }

    private static String taken(StringTransport transport) {
        String value = HEX.formatHex(transport.value());
        transport.clear();
        return value;
    }

    @Test
    void serverSpeaksAsPythonsServerDoes() {
        Broker server = (Broker) new PBServerFactory(new Everything()).buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        assertThat(taken(transport)).isEqualTo(S0);
        feed(server, C0);
        assertThat(taken(transport)).isEqualTo(S1);
        feed(server, C1);
        assertThat(taken(transport)).isEqualTo(S2);
    }

    @Test
    void clientSpeaksAsPythonsClientDoes(Trial trial) {
        PBClientFactory factory = new PBClientFactory();
        Broker client = (Broker) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        assertThat(transport.value()).isEmpty();
        feed(client, S0);
        assertThat(taken(transport)).isEqualTo(C0);
        RemoteReference root = trial.successResultOf(factory.getRootObject());
        Deferred<Object> sum = root.callRemote("add", 1, 2);
        assertThat(taken(transport)).isEqualTo(C1);
        feed(client, S1 + S2);
        assertThat(trial.successResultOf(sum)).isEqualTo(3L);
    }

    /** A server past the handshake, and a way to send it expressions and read its answers. */
    private static final class Wire {
        final Broker server = (Broker) new PBServerFactory(new Everything()).buildProtocol(StringTransport.DEFAULT_PEER);
        final StringTransport transport = new StringTransport();
        final BananaEncoder encoder = new BananaEncoder().setVocabulary(true);
        final List<Object> received = new ArrayList<>();
        final BananaDecoder decoder = new BananaDecoder(received::add).setVocabulary(true);

        Wire() {
            server.makeConnection(transport);
            feed(server, C0);
            transport.clear();
        }

        List<Object> send(Object expression) {
            server.dataReceived(ByteBuffer.wrap(encoder.encode(expression)));
            decoder.feed(transport.value());
            transport.clear();
            List<Object> answers = new ArrayList<>(received);
            received.clear();
            return answers;
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandIsAnsweredDidNotUnderstand() {
        Wire wire = new Wire();
        List<Object> answers = wire.send(List.of(b("bogus"), 1L));
        assertThat(answers).singleElement().usingRecursiveComparison()
                .isEqualTo(List.of(b("didNotUnderstand"), b("bogus")));
        assertThat(wire.transport.isDisconnecting()).isFalse();
    }

    @Test
    void expressionThatIsNotAListDropsTheConnection() {
        Wire wire = new Wire();
        assertThat(wire.send(7L)).isEmpty();
        assertThat(wire.transport.isDisconnecting()).isTrue();
    }

    @Test
    void otherVersionDropsTheConnection() {
        Wire wire = new Wire();
        wire.send(List.of(b("version"), 5L));
        assertThat(wire.transport.isDisconnecting()).isTrue();
    }

    @Test
    void messageOfTheWrongShapeDropsTheConnection() {
        Wire wire = new Wire();
        wire.send(List.of(b("message"), 1L, b("root")));
        assertThat(wire.transport.isDisconnecting()).isTrue();
    }

    @Test
    void answerToNoCallDropsTheConnection() {
        Wire wire = new Wire();
        wire.send(List.of(b("answer"), 99L, 1L));
        assertThat(wire.transport.isDisconnecting()).isTrue();
    }

    @Test
    void decrefOfAnUnknownObjectDropsTheConnection() {
        Wire wire = new Wire();
        wire.send(List.of(b("decref"), 12L));
        assertThat(wire.transport.isDisconnecting()).isTrue();
    }

    @Test
    void expressionsAfterTheDropInTheSameReadAreIgnored() {
        Wire wire = new Wire();
        byte[] first = wire.encoder.encode(List.of(b("decref"), 12L));
        byte[] second = wire.encoder.encode(List.of(b("bogus")));
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        wire.server.dataReceived(ByteBuffer.wrap(both));
        assertThat(wire.transport.isDisconnecting()).isTrue();
        assertThat(wire.transport.value()).isEmpty();
    }

    @Test
    void messageToAnUnknownObjectIsAnsweredWithAnError() {
        Wire wire = new Wire();
        List<Object> answers = wire.send(List.of(b("message"), 1L, 77L, b("add"), 1L,
                List.of(b("tuple")), List.of(b("dictionary"))));
        assertThat(answers).singleElement().satisfies(answer -> {
            List<?> list = (List<?>) answer;
            assertThat((byte[]) list.get(0)).isEqualTo(b("error"));
            assertThat(list.get(1)).isEqualTo(1L);
            assertThat(list.get(2).toString()).isNotEmpty();
        });
        assertThat(wire.transport.isDisconnecting()).isFalse();
    }

    @Test
    void argumentsJellyRefusesAreAnsweredWithAnError(Trial trial) {
        Wire wire = new Wire();
        List<Object> answers = wire.send(List.of(b("message"), 1L, b("root"), b("echo"), 1L,
                List.of(b("tuple"), List.of(b("os.system"), b("rm"))), List.of(b("dictionary"))));
        assertThat(answers).singleElement().satisfies(answer ->
                assertThat((byte[]) ((List<?>) answer).get(0)).isEqualTo(b("error")));
        assertThat(wire.transport.isDisconnecting()).isFalse();
        trial.flushLoggedErrors();
    }
}
