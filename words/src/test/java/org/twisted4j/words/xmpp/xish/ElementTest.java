package org.twisted4j.words.xmpp.xish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementTest {

    @Test
    void serializesAsDomishDoes() {
        // Bytes from Python Twisted 22.4: domish.Element(('jabber:client','message')) with a body.
        Element message = new Element("jabber:client", "message").attribute("to", "a@b");
        message.addElement("body").addContent("hi <&> '\"");
        assertThat(message.toXml())
                .isEqualTo("<message xmlns='jabber:client' to='a@b'><body>hi &lt;&amp;&gt; '\"</body></message>");
    }

    @Test
    void streamChildrenUseTheStreamPrefixAndDefaultNamespace() {
        Element error = new Element("http://etherx.jabber.org/streams", "error");
        error.addElement("urn:ietf:params:xml:ns:xmpp-streams", "not-well-formed");
        assertThat(error.toXml()).isEqualTo("<error xmlns='http://etherx.jabber.org/streams'>"
                + "<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></error>");
        Serializer inStream = new Serializer("jabber:client", Map.of("http://etherx.jabber.org/streams", "stream"));
        assertThat(inStream.serialize(error))
                .isEqualTo("<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        Element message = new Element("jabber:client", "message").attribute("to", "x@y");
        assertThat(inStream.serialize(message)).isEqualTo("<message to='x@y'/>");
    }

    @Test
    void attributeValuesEscapeQuotesAndNamespacedAttributesGetPrefixes() {
        Element e = new Element("", "a").attribute("q", "it's \"so\" & <x>")
                .attribute("{" + Element.XML_NAMESPACE + "}lang", "en").attribute("{urn:x}y", "1");
        assertThat(e.toXml()).isEqualTo("<a q='it&apos;s &quot;so&quot; &amp; &lt;x&gt;' xml:lang='en'"
                + " xmlns:xn0='urn:x' xn0:y='1'/>");
    }

    @Test
    void childInNoNamespaceUnderANamespacedParentUndeclaresTheDefault() {
        Element e = new Element("urn:a", "a");
        e.addElement("", "b");
        assertThat(e.toXml()).isEqualTo("<a xmlns='urn:a'><b xmlns=''/></a>");
    }

    @Test
    void anElementInTheXmlNamespaceKeepsTheXmlPrefix() {
        // Found by fuzzing: <xml:meo/> parses, and the XML namespace cannot be declared as the default.
        Element e = new Element(Element.XML_NAMESPACE, "meo");
        e.addElement("", "child");
        assertThat(e.toXml()).isEqualTo("<xml:meo><child xmlns=''/></xml:meo>");
    }

    @Test
    void textIsMergedAndQueried() {
        Element e = new Element("urn:a", "a").addContent("x").addContent("y");
        e.addElement("b").addContent("inner");
        e.addContent("z");
        assertThat(e.text()).isEqualTo("xyz");
        assertThat(e.children()).hasSize(3);
        assertThat(e.childText("b")).isEqualTo("inner");
        assertThat(e.firstChild("urn:a", "b")).isNotNull();
        assertThat(e.firstChild("urn:other", "b")).isNull();
        assertThat(e.copy().toXml()).isEqualTo(e.toXml());
    }

    @Test
    void anElementCannotBeAddedTwiceOrInsideItself() {
        Element a = new Element("", "a");
        Element b = a.addElement("b");
        assertThatThrownBy(() -> a.addChild(b)).isInstanceOf(IllegalArgumentException.class);
        Element c = new Element("", "c");
        c.addChild(a);
        assertThatThrownBy(() -> b.addChild(c)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Element("", "p:x")).isInstanceOf(IllegalArgumentException.class);
    }
}
