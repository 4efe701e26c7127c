package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.words.xmpp.xish.Element;

class XmlStreamTest {

    static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='example.com' version='1.0'>";

    static void receive(XmlStream stream, String text) {
        stream.dataReceived(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An authenticator that sends the header and does nothing else. */
    static final class HeaderOnly implements Authenticator {
        @Override
        public void connectionMade(XmlStream stream) {
            stream.sendHeader();
        }

        @Override
        public void streamStarted(XmlStream stream, org.twisted4j.words.xmpp.xish.Element root) {
        }
    }

    private final Clock clock = new Clock();
    private final StringTransport transport = new StringTransport();
    private final XmlStream stream = new XmlStream(new HeaderOnly(), clock);

    private XmlStream connected() {
        stream.setOtherEntity(Jid.parse("example.com"));
        stream.makeConnection(transport);
        return stream;
    }

    @Test
    void clientHeaderIsWhatTwistedSends() {
        connected();
        // Captured from Python Twisted 22.4's XmlStream with an XMPPAuthenticator for user@example.com/res.
        assertThat(transport.valueAsString()).isEqualTo("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns='jabber:client' to='example.com' version='1.0'>");
    }

    @Test
    void headerIsReadAndStanzasAreDispatchedByQuery() {
        connected();
        List<String> seen = new ArrayList<>();
        stream.addObserver(XmlStream.STREAM_START_EVENT, root -> seen.add("start"));
        stream.addObserver("/message[@type='chat']", m -> seen.add(((Element) m).childText("body")));
        receive(stream, SERVER_HEADER + "<message type='chat'><body>hi</body></message><message><body>no</body>"
                + "</message>");
        assertThat(seen).containsExactly("start", "hi");
        assertThat(stream.sid()).isEqualTo("abc");
        assertThat(stream.otherEntity()).isEqualTo(Jid.parse("example.com"));
    }

    @Test
    void stanzasAreWrittenWithoutRepeatingTheStreamNamespace() {
        connected();
        transport.clear();
        Element message = new Element(Namespaces.CLIENT, "message").attribute("to", "romeo@example.net");
        message.addElement("body").addContent("a < b");
        stream.send(message);
        assertThat(transport.valueAsString()).isEqualTo("<message to='romeo@example.net'><body>a &lt; b</body></message>");
    }

    @Test
    void iqResultsErrorsAndTimeoutsFireTheDeferred() {
        connected();
        receive(stream, SERVER_HEADER);
        transport.clear();
        List<Object> outcomes = new ArrayList<>();
        Deferred<Element> ok = stream.sendIq(stream.newIq("get"));
        assertThat(transport.valueAsString()).isEqualTo("<iq type='get' id='H_0'/>");
        ok.addCallbacks(r -> outcomes.add("result " + r.getAttribute("id")), f -> outcomes.add(f.value()));
        Deferred<Element> bad = stream.sendIq(stream.newIq("set"));
        bad.addCallbacks(r -> outcomes.add(r), f -> outcomes.add(f.value()));
        Deferred<Element> slow = stream.sendIq(stream.newIq("get"));
        slow.addCallbacks(r -> outcomes.add(r), f -> outcomes.add(f.value()));
        receive(stream, "<iq type='result' id='H_0'/><iq type='error' id='H_1'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        clock.advance(XmlStream.DEFAULT_IQ_TIMEOUT);
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEqualTo("result H_0");
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(StanzaError.class,
                e -> assertThat(e.condition()).isEqualTo("item-not-found"));
        assertThat(outcomes.get(2)).isInstanceOf(TimeoutError.class);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aStreamErrorFromThePeerIsDispatchedAndCloses() {
        connected();
        List<Object> errors = new ArrayList<>();
        stream.addObserver(XmlStream.STREAM_ERROR_EVENT, errors::add);
        receive(stream, SERVER_HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>replaced</text></stream:error>");
        assertThat(errors).singleElement().isInstanceOfSatisfying(StreamError.class, e -> {
            assertThat(e.condition()).isEqualTo("conflict");
            assertThat(e.text()).isEqualTo("replaced");
        });
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void theFooterIsAnsweredWithOurs() {
        connected();
        receive(stream, SERVER_HEADER);
        transport.clear();
        receive(stream, "</stream:stream>");
        assertThat(transport.valueAsString()).isEqualTo("</stream:stream>");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void pendingIqsFailWhenTheConnectionIsLost() {
        connected();
        List<Object> outcomes = new ArrayList<>();
        stream.sendIq(stream.newIq("get")).addErrback(f -> {
            outcomes.add(f.value());
            return null;
        });
        stream.connectionLost(new Failure(new org.twisted4j.internet.ConnectionDone()));
        assertThat(outcomes).singleElement().isInstanceOf(org.twisted4j.internet.ConnectionDone.class);
    }
}
