/**
 * twisted4j's words, in the manner of twisted.words: IRC client and server, XMPP client, component protocol and router, and {@code twist words}.
 */
module org.twisted4j.words {
    requires transitive org.twisted4j.core;

    requires com.fasterxml.aalto;

    exports org.twisted4j.words.irc;
    exports org.twisted4j.words.service;
    exports org.twisted4j.words.xmpp;
    exports org.twisted4j.words.xmpp.xish;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.words.service.WordsPlugin,
            org.twisted4j.words.xmpp.XmppRouterPlugin;
}
