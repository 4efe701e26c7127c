package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * Bad input on a listening stream (the router's): each gets its stream error, the footer and the connection
 * closed, and a stream beside it goes on.
 */
class BadInputTest {

    static final String COMPONENT_HEADER = "<stream:stream xmlns='jabber:component:accept'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='comp.example.com'>";
    private static final String ERROR_START = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept'";

    private final Clock clock = new Clock();
    private final List<StringTransport> transports = new ArrayList<>();

    private XmlStream listening() {
        XmlStream stream = new XmlStream(new ListenComponentAuthenticator("secret"), clock);
        StringTransport transport = new StringTransport();
        transports.add(transport);
        stream.makeConnection(transport);
        return stream;
    }

    private static String error(String condition) {
        return "<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>";
    }

    @Test
    void billionLaughsBeforeTheHeaderGetsRestrictedXml() {
        XmlStream stream = listening();
        XmlStream bystander = listening();
        XmlStreamTest.receive(bystander, COMPONENT_HEADER);
        XmlStreamTest.receive(stream, "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><lolz>&lol2;</lolz>");
        String out = transports.get(0).valueAsString();
        // Aalto refuses an internal subset as not well-formed before any entity could be declared.
        assertThat(out).startsWith(ERROR_START).endsWith(error("not-well-formed"));
        assertThat(transports.get(0).isDisconnecting()).isTrue();
        assertThat(transports.get(1).isDisconnecting()).isFalse();
        XmlStreamTest.receive(bystander, "<handshake>x</handshake>");
        assertThat(transports.get(1).valueAsString()).contains("<not-authorized").endsWith("</stream:stream>");
    }

    @Test
    void externalEntityDoctypeGetsRestrictedXml() {
        XmlStream stream = listening();
        XmlStreamTest.receive(stream, "<!DOCTYPE stream SYSTEM 'file:///etc/passwd'>" + COMPONENT_HEADER);
        assertThat(transports.get(0).valueAsString()).endsWith(error("restricted-xml"));
    }

    @Test
    void anUndefinedEntityInAStanzaGetsRestrictedXml() {
        XmlStream stream = listening();
        XmlStreamTest.receive(stream, COMPONENT_HEADER + "<handshake>&xxe;</handshake>");
        assertThat(transports.get(0).valueAsString()).endsWith(error("restricted-xml"));
    }

    @Test
    void anUndeclaredPrefixGetsNotWellFormed() {
        XmlStream stream = listening();
        XmlStreamTest.receive(stream, COMPONENT_HEADER + "<evil:message/>");
        assertThat(transports.get(0).valueAsString()).endsWith(error("not-well-formed"));
        assertThat(transports.get(0).isDisconnecting()).isTrue();
    }

    @Test
    void aStanzaPastTheLimitGetsPolicyViolationAndTheRestIsIgnored() {
        XmlStream stream = listening();
        stream.setMaxStanzaBytes(4096);
        XmlStreamTest.receive(stream, COMPONENT_HEADER);
        XmlStreamTest.receive(stream, "<message><body>" + "A".repeat(10_000));
        assertThat(transports.get(0).valueAsString()).endsWith(error("policy-violation"));
        int written = transports.get(0).value().length;
        XmlStreamTest.receive(stream, "A".repeat(10_000) + "</body></message>");
        assertThat(transports.get(0).value()).hasSize(written);
    }

    @Test
    void aHeaderInTheWrongNamespaceGetsInvalidNamespace() {
        XmlStream stream = listening();
        XmlStreamTest.receive(stream, "<stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='comp.example.com'>");
        assertThat(transports.get(0).valueAsString()).contains("<stream:error><invalid-namespace")
                .endsWith("</stream:error></stream:stream>");
        assertThat(transports.get(0).isDisconnecting()).isTrue();
    }
}
