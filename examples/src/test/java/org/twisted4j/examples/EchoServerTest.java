package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogFormat;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class EchoServerTest {

    @Test
    void writesBackEachPieceAsItArrives() {
        StringTransport transport = new StringTransport();
        Protocol echo = EchoServer.factory().buildProtocol(StringTransport.DEFAULT_PEER);
        echo.makeConnection(transport);

        echo.dataReceived(ByteBuffer.wrap("hello, ".getBytes(UTF_8)));
        assertThat(transport.valueAsString()).isEqualTo("hello, ");
        echo.dataReceived(ByteBuffer.wrap("world\r\n".getBytes(UTF_8)));

        assertThat(transport.valueAsString()).isEqualTo("hello, world\r\n");
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void eachConnectionGetsItsOwnProtocol() {
        assertThat(EchoServer.factory().buildProtocol(StringTransport.DEFAULT_PEER))
                .isNotSameAs(EchoServer.factory().buildProtocol(StringTransport.DEFAULT_PEER))
                .isInstanceOf(EchoServer.Echo.class);
    }

    @Test
    void echoesALineToTheEchoClientOverTcp(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        String client = "tcp:host=127.0.0.1:port=" + portNumber(port);

        assertThat(Coroutine.await(EchoClient.echo(reactor, client, "hello, world"))).isEqualTo("hello, world");
        assertThat(Coroutine.await(EchoClient.echo(reactor, client, "once more"))).isEqualTo("once more");
        Coroutine.await(port.stopListening());
    }

    @Test
    void logsOneLineNamingTheAddressItListensOn(NioReactor reactor) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = events::add;
        LogPublisher.global().addObserver(observer);
        ListeningPort port;
        try {
            port = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        } finally {
            LogPublisher.global().removeObserver(observer);
        }

        assertThat(events).map(LogFormat::formatEvent)
                .containsExactly("echo-server listening on tcp:127.0.0.1:" + portNumber(port));
        assertThat(events.get(0).namespace()).isEqualTo("echo-server");
        Coroutine.await(port.stopListening());
    }

    @Test
    void pythonTwistedClientGetsItsLineEchoed(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));

        Peers.Outcome python = Coroutine.await(Peers.pythonTwisted(reactor, "echo_client.py",
                String.valueOf(portNumber(port)), "hello from Python Twisted"));

        assertThat(python.output()).contains("echoed: hello from Python Twisted");
        assertThat(python.exitCode()).as(python.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    static int portNumber(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }
}
