package org.twisted4j.words.xmpp.xish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XPathQueryTest {

    private static Element chat() {
        Element message = new Element("jabber:client", "message").attribute("type", "chat").attribute("to", "a@b");
        message.addElement("body").addContent("hello");
        message.addElement("http://jabber.org/protocol/chatstates", "active");
        return message;
    }

    @Test
    void pathsWithAttributePredicates() {
        assertThat(XPathQuery.compile("/message[@type='chat']/body").queryForString(chat())).isEqualTo("hello");
        assertThat(XPathQuery.compile("/message[@type=\"chat\"]").matches(chat())).isTrue();
        assertThat(XPathQuery.compile("/message[@type='groupchat']").matches(chat())).isFalse();
        assertThat(XPathQuery.compile("/message[@to]").matches(chat())).isTrue();
        assertThat(XPathQuery.compile("/message[@from]").matches(chat())).isFalse();
        assertThat(XPathQuery.compile("/iq").matches(chat())).isFalse();
        assertThat(XPathQuery.compile("/*").matches(chat())).isTrue();
        assertThat(XPathQuery.compile("/message/subject").matches(chat())).isFalse();
    }

    @Test
    void xmlnsPredicateMatchesTheNamespace() {
        assertThat(XPathQuery.compile("/message/active[@xmlns='http://jabber.org/protocol/chatstates']")
                .matches(chat())).isTrue();
        assertThat(XPathQuery.compile("/message[@xmlns='jabber:component:accept']").matches(chat())).isFalse();
        Element iq = new Element("jabber:client", "iq").attribute("type", "get");
        iq.addElement("jabber:iq:roster", "query");
        assertThat(XPathQuery.compile("/iq[@type='get']/query[@xmlns='jabber:iq:roster']").matches(iq)).isTrue();
    }

    @Test
    void doubleSlashFindsDescendants() {
        Element a = new Element("", "a");
        a.addElement("b").addElement("c").addContent("deep");
        assertThat(XPathQuery.compile("//c").queryForString(a)).isEqualTo("deep");
        assertThat(XPathQuery.compile("/a//c").matches(a)).isTrue();
        assertThat(XPathQuery.compile("/a/c").matches(a)).isFalse();
    }

    @Test
    void badQueriesAreRefusedNamingWhere() {
        assertThatThrownBy(() -> XPathQuery.compile("message")).hasMessageContaining("at 0");
        assertThatThrownBy(() -> XPathQuery.compile("/a[@b='c'")).hasMessageContaining("']' expected");
        assertThatThrownBy(() -> XPathQuery.compile("/a[text()]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XPathQuery.compile("/a[@b=c]")).hasMessageContaining("quoted");
        assertThatThrownBy(() -> XPathQuery.compile("")).isInstanceOf(IllegalArgumentException.class);
    }
}
