package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.trial.TrialTimeout;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * {@code twist xmpp-router}'s service on a loopback port, with Python Twisted's component
 * ({@code jabber.component.componentFactory}) and ours connected, messages routed between them both ways, and a
 * component with a wrong secret refused.
 */
@ExtendWith(TrialExtension.class)
@TrialTimeout(60)
class RouterInteropTest {

    private static XmlStream component(NioReactor reactor, int port, String domain, String secret) throws Exception {
        XmlStream stream = new XmlStream(new ComponentAuthenticator(domain, secret), reactor);
        Coroutine.await(Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "127.0.0.1", port), stream));
        return stream;
    }

    @Test
    void pythonTwistedComponentAndOursTalkThroughOurRouter(NioReactor reactor) throws Exception {
        XmppRouterPlugin plugin = new XmppRouterPlugin();
        ParsedOptions options = plugin.options().parse(List.of("--port", "tcp:0:interface=127.0.0.1",
                "--secret", "s3cret", "-v"));
        StreamServerEndpointService service = (StreamServerEndpointService) plugin.makeService(reactor, options);
        service.startService();
        ListeningPort listening = Coroutine.await(service.whenListening());
        int port = ((IPv4Address) listening.getHost()).port();
        Router router = ((ComponentServerFactory) service.factory()).router();
        Path script = Path.of(RouterInteropTest.class.getResource("twisted_component.py").toURI());
        ExternalServer python = ExternalServer.startAnnouncing(reactor, "Twisted component",
                List.of(Peer.PYTHON_TWISTED.require().toString(), script.toString(), Integer.toString(port),
                        "py.localhost", "s3cret"),
                Pattern.compile("component ready on (\\d+)"));
        try {
            Coroutine.await(router.whenRouted("py.localhost"));
            XmlStream ours = component(reactor, port, "java.localhost", "s3cret");
            Deferred<Object> authd = new Deferred<>();
            ours.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, authd::callback);
            Coroutine.await(authd);

            Deferred<Element> echo = new Deferred<>();
            ours.addOnetimeObserver("/message", m -> echo.callback((Element) m));
            Element message = new Element(Namespaces.COMPONENT_ACCEPT, "message")
                    .attribute("from", "me@java.localhost").attribute("to", "echo@py.localhost");
            message.addElement("body").addContent("hello from Java <&>");
            ours.send(message);
            Element reply = Coroutine.await(echo);
            assertThat(reply.getAttribute("from")).isEqualTo("echo@py.localhost");
            assertThat(reply.getAttribute("to")).isEqualTo("me@java.localhost");
            assertThat(reply.childText("body")).isEqualTo("echo: hello from Java <&>");

            XmlStream intruder = component(reactor, port, "evil.localhost", "wrong");
            Deferred<Object> refused = new Deferred<>();
            intruder.addOnetimeObserver(XmlStream.STREAM_ERROR_EVENT, refused::callback);
            assertThat(Coroutine.await(refused)).isInstanceOfSatisfying(StreamError.class,
                    e -> assertThat(e.condition()).isEqualTo("not-authorized"));
            assertThat(router.routeFor("evil.localhost")).isEmpty();
            ours.close();
        } finally {
            String said = python.stop(reactor);
            assertThat(said).contains("received from me@java.localhost: hello from Java <&>");
            Coroutine.await(service.stopService());
        }
    }
}
