package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.AmpBox;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.TrialExtension;

/**
 * The AMP examples: {@link AmpServer} on a {@link StringTransport}, {@link AmpClient} against it over TCP, Twisted's
 * {@code ampclient.py} against it, and {@link AmpClient} against Twisted's {@code ampserver.py}.
 */
@ExtendWith(TrialExtension.class)
class AmpServerTest {
    private static final Pattern LISTENING = Pattern.compile("AMP listening on (\\d+)");

    @Test
    void answersTwistedsSumCallWithTheBytesTwistedWrites() {
        StringTransport transport = new StringTransport();
        AMP amp = AmpServer.math();
        amp.makeConnection(transport);
        // Python Twisted's bytes for callRemote(Sum, a=13, b=81), the first call on its connection.
        amp.dataReceived(ByteBuffer.wrap(HexFormat.of().parseHex(
                "00045f61736b00013100085f636f6d6d616e64000353756d00016100023133000162000238310000")));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_answer", "1").put("total", "94").serialize());
        transport.clear();
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_command", "Divide").put("_ask", "2")
                .put("numerator", "1").put("denominator", "0").serialize()));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_error", "2").put("_error_code", "ZERO_DIVISION")
                .put("_error_description", "division by zero").serialize());
    }

    @Test
    void ourClientDoesItsMathOnOurServer(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(AmpServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        try {
            assertThat(Coroutine.await(AmpClient.doMath(reactor, "tcp:host=127.0.0.1:port="
                    + EchoServerTest.portNumber(port)))).containsExactly(94L, Double.POSITIVE_INFINITY);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void twistedsClientDoesItsMathOnOurServer(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(AmpServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        try {
            Peers.Outcome outcome = Coroutine.await(Peers.pythonTwisted(reactor, "ampclient.py",
                    Integer.toString(EchoServerTest.portNumber(port))));
            assertThat(outcome.output().lines()).containsExactly("Divided by zero: returning INF",
                    "Done with math: [(True, 94), (True, inf)]");
            assertThat(outcome.exitCode()).isZero();
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void ourClientDoesItsMathOnTwistedsServer(NioReactor reactor) throws Exception {
        List<String> command = List.of(Peer.PYTHON_TWISTED.require().toString(),
                Peers.script("ampserver.py").toString());
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "Twisted's ampserver.py", command, LISTENING);
        try {
            assertThat(Coroutine.await(AmpClient.doMath(reactor, "tcp:host=127.0.0.1:port=" + server.port())))
                    .containsExactly(94L, Double.POSITIVE_INFINITY);
        } finally {
            assertThat(server.stop(reactor)).doesNotContain("Traceback");
        }
    }
}
