package org.twisted4j.testing.protocols.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.policies.Connections.bytes;
import static org.twisted4j.testing.protocols.policies.Connections.connect;
import static org.twisted4j.testing.protocols.policies.Connections.peer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.WrappingFactory;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.testing.StringTransportWithDisconnection;
import org.twisted4j.testing.protocols.policies.Connections.Echo;
import org.twisted4j.testing.protocols.policies.Connections.Echoes;

class WrappingFactoryTest {

    private final Echoes echoes = new Echoes();
    private final WrappingFactory factory = new WrappingFactory(echoes);

    @Test
    void wrapperPassesBytesAndCloseBothWaysOverALoopback() {
        ProtocolWrapper server = factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        Echo echo = echoes.built.getFirst();

        client.transport().write(bytes("ping"));
        pump.flush();
        assertThat(echo.received).containsExactly("ping");
        assertThat(client.dataAsString()).isEqualTo("ping");
        assertThat(echo.transport()).isSameAs(server);
        assertThat(server.wrappedProtocol()).isSameAs(echo);
        assertThat(server.factory()).isSameAs(factory);
        assertThat(echo.factory()).isSameAs(echoes);
        assertThat(factory.protocols()).containsExactly(server);

        echo.transport().loseConnection();
        assertThat(echo.transport().isDisconnecting()).isTrue();
        pump.flush();
        assertThat(echo.lost).singleElement().satisfies(f -> assertThat(f.check(ConnectionDone.class)).isNotNull());
        assertThat(client.isClosed()).isTrue();
        assertThat(factory.protocols()).isEmpty();
    }

    @Test
    void wrapperTracksEveryOpenConnection() {
        ProtocolWrapper first = factory.buildProtocol(peer("10.0.0.2", 1));
        ProtocolWrapper second = factory.buildProtocol(peer("10.0.0.3", 2));
        StringTransportWithDisconnection one = connect(first);
        connect(second);
        assertThat(factory.protocols()).containsExactly(first, second);
        one.loseConnection();
        assertThat(factory.protocols()).containsExactly(second);
    }

    @Test
    void refusalByTheWrappedFactoryIsPassedOn() {
        echoes.refuse = true;
        assertThat(factory.buildProtocol(peer("10.0.0.2", 1))).isNull();
    }

    @Test
    void addressesProducersAndPausingReachTheRealTransport() {
        ProtocolWrapper wrapper = factory.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = connect(wrapper);
        Echo echo = echoes.built.getFirst();
        assertThat(echo.transport().getPeer()).isEqualTo(StringTransport.DEFAULT_PEER);
        assertThat(echo.transport().getHost()).isEqualTo(StringTransport.DEFAULT_HOST);

        PushProducer producer = new PushProducer() {
            @Override
            public void pauseProducing() {
            }

            @Override
            public void resumeProducing() {
            }

            @Override
            public void stopProducing() {
            }
        };
        echo.transport().registerProducer(producer, true);
        assertThat(transport.producer()).isSameAs(producer);
        echo.transport().unregisterProducer();
        assertThat(transport.producer()).isNull();

        echo.transport().pauseProducing();
        assertThat(transport.producerState()).hasToString("PAUSED");
        echo.transport().resumeProducing();
        assertThat(transport.producerState()).hasToString("PRODUCING");

        echo.transport().writeSequence(List.of(bytes("a"), bytes("b")));
        assertThat(transport.valueAsString()).isEqualTo("ab");
        ((ProtocolWrapper) echo.transport()).setTcpNoDelay(true);
        assertThat(transport.getTcpNoDelay()).isTrue();
    }

    @Test
    void startingAndStoppingReachTheWrappedFactory() {
        factory.doStart();
        factory.doStart();
        assertThat(echoes.started).isEqualTo(1);
        factory.doStop();
        assertThat(echoes.stopped).isZero();
        factory.doStop();
        assertThat(echoes.stopped).isEqualTo(1);
    }

    @Test
    void clientConnectionEventsReachAWrappedClientFactory() {
        List<String> events = new ArrayList<>();
        ClientFactory client = new ClientFactory(Echo::new) {
            @Override
            public void startedConnecting(Connector connector) {
                events.add("started");
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                events.add("failed " + reason.type().getSimpleName());
            }

            @Override
            public void clientConnectionLost(Connector connector, Failure reason) {
                events.add("lost " + reason.type().getSimpleName());
            }
        };
        WrappingFactory wrapping = new WrappingFactory(client);
        Connector connector = new Connector() {
            @Override
            public void connect() {
            }

            @Override
            public void disconnect() {
            }

            @Override
            public void stopConnecting() {
            }

            @Override
            public Address getDestination() {
                return StringTransport.DEFAULT_PEER;
            }
        };
        wrapping.startedConnecting(connector);
        wrapping.clientConnectionFailed(connector, new Failure(new ConnectionRefusedError(StringTransport.DEFAULT_PEER)));
        wrapping.clientConnectionLost(connector, new Failure(new ConnectionDone()));
        assertThat(events).containsExactly("started", "failed ConnectionRefusedError", "lost ConnectionDone");
    }

    @Test
    void dataReceivedIsPassedOnUnchanged() {
        ProtocolWrapper wrapper = factory.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = connect(wrapper);
        wrapper.dataReceived(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 'x'}));
        assertThat(transport.value()).containsExactly(0, 0xff, 'x');
    }
}
