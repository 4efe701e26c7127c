package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

class ClientAuthenticatorTest {

    private static final String FEATURES_SASL = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>PLAIN</mechanism><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features>";
    private static final String FEATURES_BIND = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>";
    private static final String HEADER = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:client' to='example.com' version='1.0'>";

    private final Clock clock = new Clock();
    private final StringTransport transport = new StringTransport();
    private final List<Object> authd = new ArrayList<>();
    private final List<Failure> failed = new ArrayList<>();

    private XmlStream start(ClientAuthenticator authenticator) {
        XmlStream stream = new XmlStream(authenticator, clock);
        stream.addObserver(XmlStream.STREAM_AUTHD_EVENT, authd::add);
        stream.addObserver(XmlStream.INIT_FAILED_EVENT, f -> failed.add((Failure) f));
        stream.makeConnection(transport);
        return stream;
    }

    private String sent() {
        String value = transport.valueAsString();
        transport.clear();
        return value;
    }

    @Test
    void plainLoginBindsAndStartsASessionByteForByte() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("juliet@example.com/balcony"), "r0m30")
                .allowPlainWithoutTls(true));
        assertThat(sent()).isEqualTo(HEADER);
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL);
        String plain = Base64.getEncoder().encodeToString("\0juliet\0r0m30".getBytes(StandardCharsets.UTF_8));
        assertThat(sent()).isEqualTo("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain
                + "</auth>");
        XmlStreamTest.receive(stream, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(sent()).isEqualTo(HEADER);
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_BIND);
        assertThat(sent()).isEqualTo("<iq type='set' id='H_0'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>balcony</resource></bind></iq>");
        XmlStreamTest.receive(stream, "<iq type='result' id='H_0'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<jid>juliet@example.com/balcony</jid></bind></iq>");
        assertThat(sent()).isEqualTo("<iq type='set' id='H_1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
        assertThat(authd).isEmpty();
        XmlStreamTest.receive(stream, "<iq type='result' id='H_1'/>");
        assertThat(authd).containsExactly(stream);
        assertThat(stream.thisEntity()).isEqualTo(Jid.parse("juliet@example.com/balcony"));
        assertThat(failed).isEmpty();
    }

    @Test
    void plainIsNotUsedWithoutTls() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("juliet@example.com"), "r0m30"));
        sent();
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL);
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.value()).isInstanceOf(SaslException.class)
                .hasMessageContaining("no usable SASL mechanism"));
        assertThat(sent()).isEqualTo("</stream:stream>");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void anonymousLoginTakesTheJidTheServerBinds() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("example.com"), null));
        sent();
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL);
        assertThat(sent()).isEqualTo("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
        XmlStreamTest.receive(stream, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        sent();
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + "<stream:features>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        assertThat(sent()).isEqualTo("<iq type='set' id='H_0'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        XmlStreamTest.receive(stream, "<iq type='result' id='H_0'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<jid>4f2a@example.com/x1</jid></bind></iq>");
        assertThat(authd).containsExactly(stream);
        assertThat(stream.thisEntity()).isEqualTo(Jid.parse("4f2a@example.com/x1"));
    }

    @Test
    void saslFailureFailsTheLoginWithItsCondition() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("juliet@example.com"), "wrong")
                .allowPlainWithoutTls(true));
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL);
        XmlStreamTest.receive(stream, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        assertThat(failed).singleElement().satisfies(f -> assertThat(((SaslException) f.value()).condition())
                .isEqualTo("not-authorized"));
        assertThat(authd).isEmpty();
    }

    @Test
    void requiredTlsThatIsNotOfferedFailsTheLogin() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("juliet@example.com"), "pw")
                .tls(org.twisted4j.internet.ssl.ClientTlsOptions.optionsForClientTLS("example.com"), true));
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL);
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.value()).hasMessageContaining("STARTTLS"));
    }

    @Test
    void clientAnswersPingsRosterPushesAndRefusesUnknownRequests() {
        XmlStream stream = start(new ClientAuthenticator(Jid.parse("juliet@example.com/balcony"), "r0m30")
                .allowPlainWithoutTls(true));
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + FEATURES_SASL
                + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        XmlStreamTest.receive(stream, XmlStreamTest.SERVER_HEADER + "<stream:features>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features><iq type='result' id='H_0'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>juliet@example.com/balcony</jid></bind></iq>");
        XmppClient client = new XmppClient(stream);
        List<RosterItem> pushed = new ArrayList<>();
        client.onRosterPush(pushed::add);
        sent();
        XmlStreamTest.receive(stream, "<iq type='get' id='p1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(sent()).isEqualTo("<iq type='result' to='example.com' id='p1'/>");
        XmlStreamTest.receive(stream, "<iq type='set' id='r1'><query xmlns='jabber:iq:roster'>"
                + "<item jid='Romeo@Example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
                + "</query></iq>");
        assertThat(sent()).isEqualTo("<iq type='result' id='r1'/>");
        assertThat(pushed).containsExactly(new RosterItem(Jid.parse("romeo@example.net"), "Romeo", "both", null,
                List.of("Friends")));
        XmlStreamTest.receive(stream, "<iq type='get' id='v1' from='romeo@example.net/x'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertThat(sent()).isEqualTo("<iq type='error' to='romeo@example.net/x' id='v1'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

        List<Object> roster = new ArrayList<>();
        client.roster().addCallback(roster::addAll);
        assertThat(sent()).isEqualTo("<iq type='get' id='H_1'><query xmlns='jabber:iq:roster'/></iq>");
        XmlStreamTest.receive(stream, "<iq type='result' id='H_1'><query xmlns='jabber:iq:roster'>"
                + "<item jid='nurse@example.com' subscription='to'/></query></iq>");
        assertThat(roster).containsExactly(new RosterItem(Jid.parse("nurse@example.com"), null, "to", null, List.of()));
        client.sendMessage(Jid.parse("romeo@example.net"), "chat", "wherefore");
        assertThat(sent()).isEqualTo("<message to='romeo@example.net' type='chat'><body>wherefore</body></message>");
    }

}
