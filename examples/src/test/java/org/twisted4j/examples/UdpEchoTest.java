package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.testing.FakeDatagramPort;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class UdpEchoTest {

    @Test
    void sendsEachDatagramBackToItsSender() {
        UdpEcho.EchoDatagrams echo = UdpEcho.protocol();
        FakeDatagramPort port = new MemoryReactor().listenUDP(8000, echo);
        IPv4Address ada = new IPv4Address(AddressType.UDP, "10.0.0.7", 4000);
        IPv4Address grace = new IPv4Address(AddressType.UDP, "10.0.0.8", 5000);

        echo.datagramReceived(ByteBuffer.wrap("one".getBytes(UTF_8)), ada);
        echo.datagramReceived(ByteBuffer.wrap("two".getBytes(UTF_8)), grace);

        assertThat(port.written()).extracting(d -> new String(d.data(), UTF_8), FakeDatagramPort.Datagram::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("one", ada),
                        org.assertj.core.groups.Tuple.tuple("two", grace));
    }

    @Test
    void portArgumentMustBeANumber(NioReactor reactor) {
        assertThatThrownBy(() -> UdpEcho.start(reactor, "tcp:8000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("udp-echo takes a port number, not 'tcp:8000'");
    }

    @Test
    void pythonSocketGetsItsDatagramBack(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(UdpEcho.start(reactor, "0"));
        int number = ((IPv4Address) port.getHost()).port();

        Peers.Outcome python = Coroutine.await(Peers.python(reactor, "udp_echo_client.py",
                String.valueOf(number), "hello over UDP"));

        assertThat(python.output()).isEqualTo("echoed: hello over UDP\n");
        assertThat(python.exitCode()).isZero();
        Coroutine.await(port.stopListening());
    }
}
