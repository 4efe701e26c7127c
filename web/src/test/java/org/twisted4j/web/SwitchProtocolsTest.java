package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Protocol;

/** Handing a connection to another protocol after a 101 answer. */
class SwitchProtocolsTest {

    /** Writes back what it receives in upper case and records its events. */
    static final class Shout extends Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("made");
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String text = ISO_8859_1.decode(data).toString();
            events.add("data=" + text);
            transport().write(ByteBuffer.wrap(text.toUpperCase().getBytes(ISO_8859_1)));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost");
        }
    }

    /** Switches to a {@link Shout} for requests with {@code Upgrade: shout}, now or when told to. */
    static final class Switcher extends Resource {
        final Shout shout = new Shout();
        boolean later;
        Request held;

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            if (!"shout".equals(request.getHeader("Upgrade"))) {
                return "plain".getBytes(ISO_8859_1);
            }
            if (later) {
                held = request;
                return NOT_DONE_YET;
            }
            doSwitch(request);
            return NOT_DONE_YET;
        }

        void doSwitch(Request request) {
            request.setResponseCode(101);
            request.setHeader("Upgrade", "shout");
            request.setHeader("Connection", "Upgrade");
            request.switchProtocols(shout);
        }
    }

    private static final String UPGRADE = "GET /s HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: shout\r\n\r\n";

    @Test
    void bytesAfterTheRequestAndAllLaterOnesGoToTheNewProtocol() {
        Switcher switcher = new Switcher();
        Served served = new Served(switcher);
        served.send(UPGRADE + "hello");
        assertThat(served.take()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nDate: *\r\n" + Served.SERVER
                + "Upgrade: shout\r\nConnection: Upgrade\r\n\r\nHELLO");
        served.send("GET / HTTP/1.1\r\n\r\n");
        assertThat(served.take()).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        served.protocol.connectionLost(new Failure(new ConnectionLost("gone")));
        assertThat(switcher.shout.events).containsExactly("made", "data=hello", "data=GET / HTTP/1.1\r\n\r\n", "lost");
        assertThat(served.transport.isDisconnecting()).isFalse();
    }

    @Test
    void nothingAfterAnUpgradeRequestIsParsedUntilItIsAnswered() {
        Switcher switcher = new Switcher();
        switcher.later = true;
        Served served = new Served(switcher);
        served.send(UPGRADE + "GET /not-http HTTP/1.1\r\nHost: h\r\n\r\n");
        served.send("more");
        assertThat(served.take()).isEmpty();
        switcher.doSwitch(switcher.held);
        assertThat(served.take()).endsWith("\r\n\r\nGET /NOT-HTTP HTTP/1.1\r\nHOST: H\r\n\r\nMORE");
    }

    @Test
    void anUpgradeRequestAnsweredAsUsualLetsTheNextRequestBeParsed() {
        Served served = new Served(new Switcher());
        served.send("GET /s HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\n"
                + "GET /s HTTP/1.1\r\nHost: h\r\n\r\n");
        String answers = served.take();
        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
    }

    @Test
    void switchingNeedsA101AndAnUnsentHead() {
        Served served = new Served(new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected byte[] renderGET(Request request) {
                assertThatThrownBy(() -> request.switchProtocols(new Shout()))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("101");
                return "no".getBytes(ISO_8859_1);
            }
        });
        served.send(UPGRADE);
        assertThat(served.take()).startsWith("HTTP/1.1 200 OK").endsWith("no");
    }
}
