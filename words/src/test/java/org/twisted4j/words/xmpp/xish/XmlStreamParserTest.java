package org.twisted4j.words.xmpp.xish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlStreamParserTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";

    /** Records what a parser reports, as text. */
    static final class Recorder implements XmlStreamParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<Element> stanzas = new ArrayList<>();

        @Override
        public void streamStarted(Element root) {
            events.add("start {" + root.uri() + "}" + root.name() + " " + root.attributes());
        }

        @Override
        public void elementReceived(Element element) {
            stanzas.add(element);
            events.add("element " + element.toXml());
        }

        @Override
        public void streamEnded() {
            events.add("end");
        }
    }

    private final Recorder recorder = new Recorder();
    private final XmlStreamParser parser = new XmlStreamParser(recorder);

    private void feed(String text) throws XmlParseException {
        parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headerStanzasAndEndArriveAsEvents() throws Exception {
        feed(HEADER + "<message to='romeo@example.net' type='chat'><body>h&amp;i &#x263A;</body></message>"
                + "\n <iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq></stream:stream>");
        assertThat(recorder.events).containsExactly(
                "start {http://etherx.jabber.org/streams}stream {from=example.com, id=s1, version=1.0}",
                "element <message xmlns='jabber:client' to='romeo@example.net' type='chat'><body>h&amp;i \u263a</body>"
                        + "</message>",
                "element <iq xmlns='jabber:client' type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>",
                "end");
        assertThat(parser.ended()).isTrue();
        assertThat(recorder.stanzas.get(0).firstChild("body").parent()).isSameAs(recorder.stanzas.get(0));
    }

    @Test
    void aStreamSplitAtEveryByteParsesTheSame() throws Exception {
        String stream = HEADER + "<message><body>caf\u00e9 \ud83d\ude00 &lt;x&gt;<![CDATA[<y>]]></body></message>"
                + "<presence xml:lang='fr'/></stream:stream>";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        Recorder whole = new Recorder();
        new XmlStreamParser(whole).feed(ByteBuffer.wrap(bytes));
        assertThat(recorder.events).isEqualTo(whole.events).hasSize(4);
        assertThat(recorder.stanzas.get(0).childText("body")).isEqualTo("caf\u00e9 \ud83d\ude00 <x><y>");
        assertThat(recorder.stanzas.get(1).getAttribute("{" + Element.XML_NAMESPACE + "}lang")).isEqualTo("fr");
    }

    @Test
    void billionLaughsIsRestrictedXmlAndNothingIsExpanded() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><lolz>&lol2;</lolz>";
        assertThatThrownBy(() -> feed(bomb)).isInstanceOf(XmlParseException.class);
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        assertThatThrownBy(() -> feed("<!DOCTYPE stream:stream SYSTEM 'file:///etc/passwd'>"))
                .isInstanceOf(XmlParseException.class)
                .extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.RESTRICTED_XML);
    }

    @Test
    void undefinedEntityReferenceIsRestrictedXml() throws Exception {
        feed(HEADER);
        assertThatThrownBy(() -> feed("<message><body>&xxe;</body></message>"))
                .extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.RESTRICTED_XML);
        assertThat(recorder.stanzas).isEmpty();
    }

    @Test
    void commentsAndProcessingInstructionsAreRestrictedXml() throws Exception {
        feed(HEADER);
        assertThatThrownBy(() -> feed("<!-- hi -->")).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.RESTRICTED_XML);
        XmlStreamParser other = new XmlStreamParser(new Recorder());
        other.feed(ByteBuffer.wrap(HEADER.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> other.feed(ByteBuffer.wrap("<?php x?>".getBytes(StandardCharsets.UTF_8))))
                .extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.RESTRICTED_XML);
    }

    @Test
    void anUndeclaredPrefixIsNotWellFormedAndStaysFailed() throws Exception {
        feed(HEADER);
        assertThatThrownBy(() -> feed("<foo:message/>")).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.NOT_WELL_FORMED);
        assertThatThrownBy(() -> feed("<message/>")).isInstanceOf(XmlParseException.class);
        assertThat(recorder.stanzas).isEmpty();
    }

    @Test
    void aStanzaPastTheSizeLimitIsAPolicyViolation() throws Exception {
        parser.setMaxStanzaBytes(1000);
        feed(HEADER);
        feed("<message><body>" + "x".repeat(500) + "</body></message>");
        assertThat(recorder.stanzas).hasSize(1);
        ByteBuffer big = ByteBuffer.wrap(("<message><body>" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parser.feed(big)).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.POLICY_VIOLATION);
        assertThat(big.hasRemaining()).isFalse();
    }

    @Test
    void aStanzaArrivesWithItsLastByte() throws Exception {
        feed(HEADER);
        feed("<message><body>x</body></message");
        assertThat(recorder.stanzas).isEmpty();
        feed(">");
        assertThat(recorder.stanzas).hasSize(1);
        feed("<presence/>");
        assertThat(recorder.stanzas).hasSize(2);
    }

    @Test
    void manySmallStanzasNeverAddUpToTheLimit() throws Exception {
        parser.setMaxStanzaBytes(300);
        feed(HEADER);
        for (int i = 0; i < 100; i++) {
            feed("<presence/> ");
        }
        assertThat(recorder.stanzas).hasSize(100);
    }

    @Test
    void nestingPastTheDepthLimitIsAPolicyViolation() throws Exception {
        parser.setMaxDepth(5);
        feed(HEADER);
        feed("<a><b><c><d><e/></d></c></b></a>");
        assertThatThrownBy(() -> feed("<a><b><c><d><e><f/></e></d></c></b></a>"))
                .extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.POLICY_VIOLATION);
        assertThat(recorder.stanzas).hasSize(1);
    }

    @Test
    void utf8PastU10ffffIsNotWellFormed() throws Exception {
        // Found by fuzzing: F7 9E BF 94 would decode to U+1DEFD4; Aalto hands back unpaired surrogates.
        feed(HEADER + "<message><body>");
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[] {(byte) 0xf7, (byte) 0x9e, (byte) 0xbf,
                (byte) 0x94, '<', '/', 'b'}))).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.NOT_WELL_FORMED);
        assertThat(recorder.stanzas).isEmpty();
    }

    @Test
    void cdataEndInCharacterDataIsNotWellFormedHoweverSplit() throws Exception {
        // Found by fuzzing: Aalto accepts "]]>" in text when "]]" and ">" arrive in different feeds.
        feed(HEADER + "<message><body>a]]");
        assertThatThrownBy(() -> feed(">b</body></message>")).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.NOT_WELL_FORMED);
        Recorder fine = new Recorder();
        XmlStreamParser other = new XmlStreamParser(fine);
        other.feed(ByteBuffer.wrap((HEADER + "<message a=']]>'><body>]]<![CDATA[>]]>]]&gt;</body></message>")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(fine.stanzas).singleElement().satisfies(m -> assertThat(m.childText("body")).isEqualTo("]]>]]>"));
    }

    @Test
    void anEncodingOtherThanUtf8IsRefused() {
        assertThatThrownBy(() -> feed("<?xml version='1.0' encoding='ISO-8859-1'?><stream/>"))
                .extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.UNSUPPORTED_ENCODING);
    }

    @Test
    void mismatchedTagsAreNotWellFormed() throws Exception {
        feed(HEADER);
        // The reader decides on a mismatched end tag at the byte after it.
        assertThatThrownBy(() -> feed("<message></iq> ")).extracting(e -> ((XmlParseException) e).condition())
                .isEqualTo(XmlParseException.Condition.NOT_WELL_FORMED);
    }
}
