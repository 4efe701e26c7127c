package org.twisted4j.spread.pb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.twisted4j.spread.banana.BananaDecoder;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes a server broker with whatever a client may send once the Banana dialect is chosen: PB messages of
 * any shape, jellied arguments of any kind, references to objects that do or do not exist.
 *
 * <p>Invariants: no exception escapes {@code dataReceived} (bad input drops the connection, bad calls are
 * answered with errors); everything the broker writes is Banana that decodes into PB expressions with a
 * known command; the tables of lent objects stay within {@link Broker#MAX_BROKER_REFS}; once the broker
 * drops the connection it writes nothing more. On the client side, whatever answers arrive, every call has
 * fired once the connection is lost.
 */
class BrokerFuzzTest {
    private static final Set<String> COMMANDS = Set.of("version", "answer", "error", "didNotUnderstand",
            "message", "cachemessage", "decref", "decache", "uncache");
    /** Python's client choosing dialect {@code pb} and sending its version. */
    private static final byte[] HANDSHAKE = HexFormat.of().parseHex("02827062028013870681");

    @FuzzTest
    void serverAnswersAnyExpressionsWithinItsLimits(FuzzedDataProvider data) {
        int pieces = data.consumeInt(1, 8);
        byte[] input = data.consumeRemainingAsBytes();
        Broker server = (Broker) new PBServerFactory(new PbFixtures.Everything()).buildProtocol(
                StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        server.dataReceived(ByteBuffer.wrap(HANDSHAKE));
        transport.clear();

        int step = Math.max(1, input.length / pieces);
        for (int at = 0; at < input.length; at += step) {
            int end = Math.min(input.length, at + step);
            boolean droppedBefore = transport.isDisconnecting();
            int writtenBefore = transport.value().length;
            server.dataReceived(ByteBuffer.wrap(input, at, end - at));
            if (droppedBefore) {
                assertThat(transport.value().length).as("nothing written after dropping").isEqualTo(writtenBefore);
            }
            assertThat(server.localObjectCount()).isLessThanOrEqualTo(Broker.MAX_BROKER_REFS + 2);
        }

        assertWrittenArePbExpressions(transport);
    }

    /** Python's server: the dialect offer, then {@code [version, 6]}. */
    private static final byte[] SERVER_GREETING = HexFormat.of().parseHex("02800282706204826e6f6e65028013870681");

    @FuzzTest
    void clientTakesAnyAnswersWithinItsLimits(FuzzedDataProvider data) {
        int pieces = data.consumeInt(1, 8);
        byte[] input = data.consumeRemainingAsBytes();
        PBClientFactory factory = new PBClientFactory()
                .setUnjellyableForClass("__main__.Pond", PbFixtures.PondCopy::new)
                .setUnjellyableForClass("__main__.Scoreboard", PbFixtures.ScoreView::new);
        Broker client = (Broker) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        client.dataReceived(ByteBuffer.wrap(SERVER_GREETING));
        transport.clear();
        RemoteReference root = client.remoteForName("root");
        List<org.twisted4j.defer.Deferred<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(root.callRemote("echo", i));
        }
        calls.forEach(call -> call.addErrback(failure -> null));
        int step = Math.max(1, input.length / pieces);
        for (int at = 0; at < input.length; at += step) {
            client.dataReceived(ByteBuffer.wrap(input, at, Math.min(input.length, at + step) - at));
        }
        assertWrittenArePbExpressions(transport);
        client.connectionLost(new org.twisted4j.defer.Failure(new org.twisted4j.internet.ConnectionDone("end")));
        assertThat(calls).as("every call answered, failed or failed by the loss")
                .allSatisfy(call -> assertThat(call.isCalled()).isTrue());
    }

    private static void assertWrittenArePbExpressions(StringTransport transport) {
        List<Object> written = new ArrayList<>();
        new BananaDecoder(written::add).setVocabulary(true).feed(transport.value());
        for (Object expression : written) {
            assertThat(expression).isInstanceOf(List.class);
            List<?> list = (List<?>) expression;
            assertThat(list).isNotEmpty();
            assertThat(COMMANDS).contains(new String((byte[]) list.get(0), StandardCharsets.UTF_8));
        }
    }
}
