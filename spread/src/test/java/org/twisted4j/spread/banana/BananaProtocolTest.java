package org.twisted4j.spread.banana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.spread.banana.Sexps.hex;
import static org.twisted4j.spread.banana.Sexps.show;
import static org.twisted4j.spread.banana.Sexps.unhex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.testing.StringTransport;

/** The protocol on a StringTransport: Twisted's dialect negotiation, expressions, bad bytes. */
class BananaProtocolTest {

    /** Records what it receives. */
    static final class Recorder extends Banana {
        final List<Object> received = new ArrayList<>();
        int ready;

        Recorder(boolean isClient) {
            super(isClient);
        }

        Recorder(boolean isClient, List<String> dialects) {
            super(isClient, dialects);
        }

        @Override
        protected void connectionReady() {
            ready++;
        }

        @Override
        protected void expressionReceived(Object expression) {
            received.add(expression);
        }
    }

    private static final String OFFER = "02800282706204826e6f6e65";

    private static void feed(Banana banana, String hex) {
        banana.dataReceived(ByteBuffer.wrap(unhex(hex)));
    }

    @Test
    void theServerOffersItsDialectsAsTwistedDoes() {
        Recorder server = new Recorder(false);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        assertThat(hex(transport.value())).isEqualTo(OFFER);
        assertThat(server.currentDialect()).isNull();
    }

    @Test
    void theClientAnswersPbAndIsReady() {
        Recorder client = new Recorder(true);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        assertThat(transport.value()).isEmpty();
        feed(client, OFFER);
        assertThat(hex(transport.value())).isEqualTo("02827062");
        assertThat(client.currentDialect()).isEqualTo("pb");
        assertThat(client.ready).isEqualTo(1);
        assertThat(client.received).isEmpty();
    }

    @Test
    void theClientPicksTheFirstOfferedDialectItKnows() {
        Recorder client = new Recorder(true);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        // [b"foo", b"none"]
        feed(client, "028003826f6f6604826e6f6e65".replace("826f6f66", "82666f6f"));
        assertThat(hex(transport.value())).isEqualTo("04826e6f6e65");
        assertThat(client.currentDialect()).isEqualTo("none");
    }

    @Test
    void theClientDropsAServerOfferingNothingItKnows() {
        Recorder client = new Recorder(true);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        feed(client, "01800382666f6f");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(client.ready).isZero();
        feed(client, "0181");
        assertThat(client.received).isEmpty();
    }

    @Test
    void theServerTakesTheClientsChoiceOrDrops() {
        Recorder server = new Recorder(false);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        feed(server, "02827062" + "0181");
        assertThat(server.currentDialect()).isEqualTo("pb");
        assertThat(server.ready).isEqualTo(1);
        assertThat(server.received).containsExactly(1L);

        Recorder other = new Recorder(false, List.of("none"));
        StringTransport otherTransport = new StringTransport();
        other.makeConnection(otherTransport);
        assertThat(hex(otherTransport.value())).isEqualTo("018004826e6f6e65");
        feed(other, "02827062");
        assertThat(otherTransport.isDisconnecting()).isTrue();
        assertThat(other.currentDialect()).isNull();
    }

    @Test
    void inThePbDialectVocabularyGoesBothWays() {
        Recorder server = new Recorder(false);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        transport.clear();
        feed(server, "02827062");
        // [b"message", b"root"] with message as VOCAB 26, split inside the expression
        feed(server, "02801a");
        feed(server, "870482726f6f74");
        assertThat(show(server.received)).isEqualTo("[[b\"message\", b\"root\"]]");
        server.sendEncoded(List.of("answer".getBytes(), 1L));
        assertThat(hex(transport.value())).isEqualTo("02801b870181");
    }

    @Test
    void inTheNoneDialectWordsGoAsStrings() {
        Recorder client = new Recorder(true, List.of("none"));
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        feed(client, OFFER);
        transport.clear();
        client.sendEncoded(List.of("answer".getBytes()));
        assertThat(hex(transport.value())).isEqualTo("0180068261" + "6e73776572");
        feed(client, "1a87");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void badBytesDropOnlyThatConnection() {
        Recorder server = new Recorder(false);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        feed(server, "02827062" + "0181" + "88" + "0281");
        assertThat(server.received).containsExactly(1L);
        assertThat(transport.isDisconnecting()).isTrue();
        feed(server, "0381");
        assertThat(server.received).containsExactly(1L);

        Recorder another = new Recorder(false);
        StringTransport anotherTransport = new StringTransport();
        another.makeConnection(anotherTransport);
        feed(another, "02827062" + "41".repeat(65));
        assertThat(anotherTransport.isDisconnecting()).isTrue();
    }

    @Test
    void limitsSetOnTheProtocolApply() {
        Recorder server = new Recorder(false);
        server.setSizeLimit(4);
        assertThat(server.sizeLimit()).isEqualTo(4);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        feed(server, "02827062" + "04826162636405826162636465");
        assertThat(show(server.received)).isEqualTo("[b\"abcd\"]");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void aBrokenConnectionLogsOneLineNamingThePeerAndTheError() {
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = e -> {
            if (e.namespace().equals(Banana.class.getName())) {
                events.add(e);
            }
        };
        LogPublisher.global().addObserver(observer);
        try {
            Recorder server = new Recorder(false);
            server.makeConnection(new StringTransport());
            feed(server, "02827062" + "88");
            feed(server, "88" + "99");
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(LogLevel.INFO);
            assertThat(e.text()).contains("192.168.1.1").contains("invalid type byte 0x88");
        });
    }

    /** Answers every expression received with [expression], and [too-long] when it is 0 (which fails). */
    static final class Echo extends Banana {
        Echo() {
            super(false);
        }

        @Override
        protected void expressionReceived(Object expression) {
            if (Long.valueOf(0).equals(expression)) {
                try {
                    sendEncoded(List.of(1L, new byte[100]));
                } catch (BananaError e) {
                    assertThat(e).hasMessageContaining("too long");  // and nothing of it may be written
                }
            }
            sendEncoded(List.of(expression));
        }
    }

    @Test
    void whatIsSentWhileOneReadIsDecodedLeavesInOneWrite() {
        List<Integer> writes = new ArrayList<>();
        StringTransport counting = new StringTransport() {
            @Override
            public void write(ByteBuffer data) {
                writes.add(data.remaining());
                super.write(data);
            }
        };
        Echo server = new Echo();
        server.makeConnection(counting);
        server.setSizeLimit(10);
        feed(server, "04826e6f6e65");
        counting.clear();
        writes.clear();
        // 1, 0 (whose first answer is too long to send), 2: three answers, one write
        feed(server, "01810081" + "0281");
        assertThat(hex(counting.value())).isEqualTo("01800181" + "01800081" + "01800281");
        assertThat(writes).hasSize(1);
        server.sendEncoded(5L);
        assertThat(writes).as("sent outside a read: written at once").hasSize(2);
        assertThat(hex(counting.value())).endsWith("0581");
    }

    @Test
    void closingWritesWhatWaitsFirst() {
        StringTransport transport = new StringTransport();
        Banana server = new Banana(false) {
            @Override
            protected void expressionReceived(Object expression) {
                sendEncoded(expression);
                loseConnection();
            }
        };
        server.makeConnection(transport);
        feed(server, "04826e6f6e65");
        transport.clear();
        feed(server, "0781");
        assertThat(hex(transport.value())).isEqualTo("0781");
        assertThat(transport.isDisconnecting()).isTrue();
    }
}
