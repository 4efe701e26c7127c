package org.twisted4j.testing.protocols.socks;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.protocols.socks.SocksFactory;
import org.twisted4j.protocols.socks.SocksOptions;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class SocksLoopbackTest {

    /** Echoes what it receives. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(copy);
        }
    }

    /**
     * A SOCKS5 client that sends its greeting, its CONNECT and its payload in one write, without waiting for
     * the answers, then expects the two answers followed by the echo of its payload.
     */
    static final class PipeliningClient extends Protocol {
        static final int ANSWERS = 2 + 10;
        final byte[] payload;
        final int destinationPort;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deferred<byte[]> done = new Deferred<>();

        PipeliningClient(byte[] payload, int destinationPort) {
            this.payload = payload;
            this.destinationPort = destinationPort;
        }

        @Override
        public void connectionMade() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, (byte) (destinationPort >> 8), (byte) destinationPort});
            out.writeBytes(payload);
            transport().write(out.toByteArray());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            received.writeBytes(copy);
            if (received.size() >= ANSWERS + payload.length) {
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            done.callback(received.toByteArray());
        }
    }

    @Test
    void twoHundredPipeliningSocks5ClientsEachGetTheirAnswersAndTheirEcho(NioReactor reactor) throws Exception {
        ListeningPort echo = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 256, "127.0.0.1");
        int echoPort = ((IPv4Address) echo.getHost()).port();
        ListeningPort socks = reactor.listenTCP(0, new SocksFactory(reactor, SocksOptions.defaults()), 256, "127.0.0.1");
        List<Deferred<byte[]>> results = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] payload = ("payload " + i + ";").repeat(1 + i * 10).getBytes(ISO_8859_1);
            PipeliningClient client = new PipeliningClient(payload, echoPort);
            payloads.add(payload);
            results.add(client.done);
            reactor.connectTCP("127.0.0.1", ((IPv4Address) socks.getHost()).port(), ClientFactory.forProtocol(() -> client));
        }
        List<byte[]> received = Coroutine.await(Deferred.gatherResults(results));
        for (int i = 0; i < received.size(); i++) {
            byte[] got = received.get(i);
            assertThat(Arrays.copyOfRange(got, 0, 2)).isEqualTo(new byte[] {5, 0});
            assertThat(Arrays.copyOfRange(got, 2, 8)).as("granted, bound to an IPv4 address: 127.0.0.1")
                    .isEqualTo(new byte[] {5, 0, 0, 1, 127, 0});
            assertThat(Arrays.copyOfRange(got, PipeliningClient.ANSWERS, got.length)).as("client %d", i).isEqualTo(payloads.get(i));
        }
        Coroutine.await(socks.stopListening());
        Coroutine.await(echo.stopListening());
    }
}
