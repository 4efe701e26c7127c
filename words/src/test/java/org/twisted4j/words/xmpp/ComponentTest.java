package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.words.xmpp.xish.Element;

class ComponentTest {

    private final Clock clock = new Clock();

    @Test
    void connectingComponentSendsWhatTwistedSends() {
        XmlStream stream = new XmlStream(new ComponentAuthenticator("comp.example.com", "secret"), clock);
        StringTransport transport = new StringTransport();
        List<Object> authd = new ArrayList<>();
        stream.addObserver(XmlStream.STREAM_AUTHD_EVENT, authd::add);
        stream.makeConnection(transport);
        // Both captured from Python Twisted 22.4's ConnectComponentAuthenticator('comp.example.com', 'secret').
        assertThat(transport.valueAsString()).isEqualTo("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns='jabber:component:accept' to='comp.example.com'>");
        transport.clear();
        XmlStreamTest.receive(stream, "<stream:stream xmlns='jabber:component:accept'"
                + " xmlns:stream='http://etherx.jabber.org/streams' from='comp.example.com' id='12345'>");
        assertThat(transport.valueAsString()).isEqualTo("<handshake>99567ee91b2c7cabf607f10cb9f4a3634fa820e0</handshake>");
        assertThat(authd).isEmpty();
        XmlStreamTest.receive(stream, "<handshake/>");
        assertThat(authd).containsExactly(stream);
    }

    @Test
    void listeningSideChecksTheHandshake() {
        XmlStream stream = new XmlStream(new ListenComponentAuthenticator("secret"), clock);
        StringTransport transport = new StringTransport();
        List<Object> authd = new ArrayList<>();
        stream.addObserver(XmlStream.STREAM_AUTHD_EVENT, authd::add);
        stream.makeConnection(transport);
        assertThat(transport.valueAsString()).isEmpty();
        XmlStreamTest.receive(stream, BadInputTest.COMPONENT_HEADER);
        String sid = stream.sid();
        assertThat(transport.valueAsString()).isEqualTo("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns='jabber:component:accept' from='comp.example.com' id='" + sid + "'>");
        transport.clear();
        XmlStreamTest.receive(stream, "<handshake>" + ComponentAuthenticator.hashPassword(sid, "secret")
                + "</handshake>");
        assertThat(transport.valueAsString()).isEqualTo("<handshake/>");
        assertThat(authd).containsExactly(stream);
        assertThat(stream.thisEntity()).isEqualTo(Jid.parse("comp.example.com"));
    }

    @Test
    void aWrongHandshakeIsNotAuthorized() {
        XmlStream stream = new XmlStream(new ListenComponentAuthenticator("secret"), clock);
        StringTransport transport = new StringTransport();
        stream.makeConnection(transport);
        XmlStreamTest.receive(stream, BadInputTest.COMPONENT_HEADER + "<handshake>0000</handshake>");
        assertThat(transport.valueAsString()).endsWith("<stream:error><not-authorized"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>"
                + "Invalid hash</text></stream:error></stream:stream>");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void routerPassesStanzasBetweenComponentsAndBouncesTheUnroutable() {
        Router router = new Router();
        ComponentServerFactory factory = new ComponentServerFactory(router, "secret", clock);
        XmlStream a = new XmlStream(new ComponentAuthenticator("a.example.com", "secret"), clock);
        XmlStream b = new XmlStream(new ComponentAuthenticator("b.example.com", "secret"), clock);
        IOPump pumpA = IOPump.connectedLoopback(factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), a);
        IOPump pumpB = IOPump.connectedLoopback(factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), b);
        pumpA.flush();
        pumpB.flush();
        assertThat(router.routeFor("a.example.com")).isPresent();
        assertThat(router.routeFor("b.example.com")).isPresent();

        List<Element> atB = new ArrayList<>();
        b.addObserver("/message", m -> atB.add((Element) m));
        List<Element> atA = new ArrayList<>();
        a.addObserver("/message", m -> atA.add((Element) m));
        Element message = new Element(Namespaces.COMPONENT_ACCEPT, "message").attribute("from", "x@a.example.com")
                .attribute("to", "y@b.example.com");
        message.addElement("body").addContent("hello b");
        a.send(message);
        pumpA.flush();
        pumpB.flush();
        assertThat(atB).singleElement().satisfies(m -> assertThat(m.childText("body")).isEqualTo("hello b"));

        a.send(new Element(Namespaces.COMPONENT_ACCEPT, "message").attribute("to", "z@nowhere.example")
                .attribute("from", "x@a.example.com"));
        pumpA.flush();
        assertThat(atA).singleElement().satisfies(m -> {
            assertThat(m.getAttribute("type")).isEqualTo("error");
            assertThat(StanzaError.fromElement(m).condition()).isEqualTo("remote-server-not-found");
        });

        b.close();
        pumpB.flush();
        assertThat(router.routeFor("b.example.com")).isEmpty();
        assertThat(router.routeFor("a.example.com")).isPresent();
    }
}
