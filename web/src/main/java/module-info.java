/**
 * twisted4j's web, in the manner of twisted.web: trees of {@code Resource}s served by a {@code Site} over
 * HTTP/1.1 and HTTP/2 (static files, CGI, proxying, sessions, HTTP authentication, WebSocket), and the HTTP
 * client ({@code Agent} and its wrappers), all on the reactor thread.
 */
module org.twisted4j.web {
    requires transitive org.twisted4j.core;
    requires transitive org.twisted4j.spread;
    requires java.xml;
    requires jdk.jshell;

    exports org.twisted4j.web;
    exports org.twisted4j.web.cgi;
    exports org.twisted4j.web.client;
    exports org.twisted4j.web.distrib;
    exports org.twisted4j.web.files;
    exports org.twisted4j.web.guard;
    exports org.twisted4j.web.http2;
    exports org.twisted4j.web.proxy;
    exports org.twisted4j.web.script;
    exports org.twisted4j.web.sse;
    exports org.twisted4j.web.template;
    exports org.twisted4j.web.vhost;
    exports org.twisted4j.web.websocket;
    exports org.twisted4j.web.xmlrpc;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.web.WebPlugin;
}
