package org.twisted4j.words.xmpp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.trial.TrialTimeout;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * Our client and component against Prosody, started here with a throwaway configuration: two accounts log in
 * over STARTTLS (SCRAM-SHA-1 and PLAIN), exchange presence and messages, use the roster and ping; a component
 * authenticates to Prosody's component port and talks with a client; a wrong secret is refused.
 */
@ExtendWith(TrialExtension.class)
@TrialTimeout(30)
class ProsodyInteropTest {

    private static final String SECRET = "s3cret";

    @TempDir
    Path dir;

    private record Prosody(ExternalServer server, int c2s, int component, ClientTlsOptions tls) {
    }

    private Prosody start(NioReactor reactor) throws Exception {
        return start(reactor, "internal_hashed");
    }

    /**
     * Starts Prosody with an authentication provider: {@code internal_hashed} keeps SCRAM-SHA-1 keys only and so
     * offers SCRAM-SHA-1; {@code internal_plain} keeps passwords and offers SCRAM-SHA-256 too.
     */
    private Prosody start(NioReactor reactor, String authentication) throws Exception {
        Path prosody = Peer.PROSODY.require();
        Path prosodyctl = Peer.PROSODYCTL.require();
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();
        certificate.save(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        int c2s = ExternalServer.freePort();
        int component = ExternalServer.freePort();
        int s2s = ExternalServer.freePort();
        String ssl = "ssl = { key = \"" + dir.resolve("key.pem") + "\"; certificate = \"" + dir.resolve("cert.pem")
                + "\"; }\n";
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n",
                "-- Prosody refuses to run as root unless told; the test may run as root in CI containers.",
                "run_as_root = true",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + dir.resolve("data") + "\"",
                "certificates = \"" + dir.resolve("certs") + "\"",
                "log = { { levels = { min = \"info\" }, to = \"console\" } }",
                "interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + c2s + " }",
                "c2s_direct_tls_ports = { }",
                "legacy_ssl_ports = { }",
                "s2s_ports = { " + s2s + " }",
                "component_ports = { " + component + " }",
                "component_interfaces = { \"127.0.0.1\" }",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"disco\"; \"ping\"; }",
                "modules_disabled = { \"s2s\"; }",
                "authentication = \"" + authentication + "\"",
                "c2s_require_encryption = true",
                ssl,
                "VirtualHost \"localhost\"",
                "  " + ssl,
                "Component \"comp.localhost\"",
                "  component_secret = \"" + SECRET + "\"",
                ""));
        for (String[] account : new String[][] {{"juliet", "r0m30"}, {"romeo", "jul13t"}, {"\u00e9lise", "p\u00e4ss"}}) {
            run(reactor, List.of(prosodyctl.toString(), "--config", config.toString(), "register", account[0],
                    "localhost", account[1]));
        }
        ExternalServer server = ExternalServer.start(reactor, "prosody",
                List.of(prosody.toString(), "-F", "--config", config.toString()), c2s, component);
        ClientTlsOptions tls = ClientTlsOptions.optionsForClientTLS("localhost",
                TrustRoot.of(certificate.certificate()), null, List.of());
        return new Prosody(server, c2s, component, tls);
    }

    private static void run(NioReactor reactor, List<String> command) throws Exception {
        String output = Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String text = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + text);
            }
            return text;
        }));
        assertThat(output).doesNotContain("rror");
    }

    /** Fires with the next element the query matches on the stream. */
    private static Deferred<Element> next(XmlStream stream, String query) {
        Deferred<Element> next = new Deferred<>();
        stream.addOnetimeObserver(query, e -> next.callback((Element) e));
        return next;
    }

    @Test
    void twoClientsLogInOverStartTlsAndTalk(NioReactor reactor) throws Exception {
        Prosody prosody = start(reactor);
        try {
            ClientAuthenticator julietLogin = new ClientAuthenticator(Jid.parse("juliet@localhost/balcony"), "r0m30")
                    .tls(prosody.tls(), true);
            XmppClient juliet = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(), julietLogin));
            assertThat(julietLogin.mechanismUsed()).isEqualTo("SCRAM-SHA-1");
            assertThat(juliet.stream().isSecure()).isTrue();
            assertThat(juliet.jid()).isEqualTo(Jid.parse("juliet@localhost/balcony"));
            ClientAuthenticator romeoLogin = new ClientAuthenticator(Jid.parse("romeo@localhost/orchard"), "jul13t")
                    .tls(prosody.tls(), true).mechanisms(List.of("PLAIN"));
            XmppClient romeo = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(), romeoLogin));
            assertThat(romeoLogin.mechanismUsed()).isEqualTo("PLAIN");
            // Roster: only a resource that asked for the roster gets pushes (RFC 6121 §2.1.6).
            assertThat(Coroutine.await(juliet.roster())).isEmpty();
            Deferred<RosterItem> pushed = new Deferred<>();
            juliet.onRosterPush(item -> {
                if (!pushed.isCalled()) {
                    pushed.callback(item);
                }
            });
            Coroutine.await(juliet.setRosterItem(Jid.parse("romeo@localhost"), "Romeo", List.of("Montagues")));
            assertThat(Coroutine.await(pushed).name()).isEqualTo("Romeo");
            assertThat(Coroutine.await(juliet.roster())).singleElement().satisfies(item -> {
                assertThat(item.jid()).isEqualTo(Jid.parse("romeo@localhost"));
                assertThat(item.groups()).containsExactly("Montagues");
            });
            // Directed presence and a chat message each way.
            Deferred<Element> presence = next(romeo.stream(), "/presence");
            juliet.sendPresence(romeo.jid(), null);
            assertThat(Coroutine.await(presence).getAttribute("from")).isEqualTo("juliet@localhost/balcony");
            Deferred<Element> atRomeo = next(romeo.stream(), "/message[@type='chat']");
            juliet.sendMessage(romeo.jid(), "chat", "Wherefore art thou, Romeo?");
            Element message = Coroutine.await(atRomeo);
            assertThat(message.childText("body")).isEqualTo("Wherefore art thou, Romeo?");
            assertThat(message.getAttribute("from")).isEqualTo("juliet@localhost/balcony");
            Deferred<Element> atJuliet = next(juliet.stream(), "/message[@type='chat']");
            romeo.sendMessage(juliet.jid(), "chat", "By a name I know not how to tell thee who I am");
            assertThat(Coroutine.await(atJuliet).childText("body")).startsWith("By a name");
            // XEP-0199 to the server, and to the other client (which answers it).
            assertThat(Coroutine.await(juliet.ping(Jid.parse("localhost"))).getAttribute("type")).isEqualTo("result");
            assertThat(Coroutine.await(juliet.ping(romeo.jid())).getAttribute("type")).isEqualTo("result");
            Deferred<Failure> gone = new Deferred<>();
            romeo.stream().addOnetimeObserver(XmlStream.STREAM_END_EVENT, reason -> gone.callback(null));
            romeo.close();
            Coroutine.await(gone);
            juliet.close();
        } finally {
            prosody.server().stop(reactor);
        }
    }

    @Test
    void scramSha256LogsInWhereTheServerOffersItAndJidsArePreparedAlike(NioReactor reactor) throws Exception {
        Prosody prosody = start(reactor, "internal_plain");
        try {
            // The localpart as typed (upper case) is prepared by PRECIS to the account Prosody registered.
            ClientAuthenticator login = new ClientAuthenticator(Jid.parse("\u00c9LISE@LocalHost/Desk"), "p\u00e4ss")
                    .tls(prosody.tls(), true);
            XmppClient elise = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(), login));
            assertThat(login.mechanismUsed()).isEqualTo("SCRAM-SHA-256");
            assertThat(elise.jid()).isEqualTo(Jid.parse("\u00e9lise@localhost/Desk"));
            assertThat(Coroutine.await(elise.ping(Jid.parse("localhost"))).getAttribute("type")).isEqualTo("result");
            elise.close();
            ClientAuthenticator wrong = new ClientAuthenticator(Jid.parse("juliet@localhost"), "wrong")
                    .tls(prosody.tls(), true);
            Throwable failure = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(), wrong)
                    .addCallbacks(client -> {
                        throw new AssertionError("logged in with a wrong password");
                    }, Failure::value));
            assertThat(failure).isInstanceOfSatisfying(SaslException.class,
                    e -> assertThat(e.condition()).isEqualTo("not-authorized"));
            assertThat(wrong.mechanismUsed()).isEqualTo("SCRAM-SHA-256");
        } finally {
            prosody.server().stop(reactor);
        }
    }

    @Test
    void wrongPasswordFailsWithNotAuthorized(NioReactor reactor) throws Exception {
        Prosody prosody = start(reactor);
        try {
            ClientAuthenticator login = new ClientAuthenticator(Jid.parse("juliet@localhost"), "wrong")
                    .tls(prosody.tls(), true);
            Throwable failure = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(), login)
                    .addCallbacks(client -> {
                        throw new AssertionError("logged in with a wrong password");
                    }, Failure::value));
            assertThat(failure).isInstanceOfSatisfying(SaslException.class,
                    e -> assertThat(e.condition()).isEqualTo("not-authorized"));
        } finally {
            prosody.server().stop(reactor);
        }
    }

    @Test
    void componentAuthenticatesToProsodyAndTalksWithAClient(NioReactor reactor) throws Exception {
        Prosody prosody = start(reactor);
        try {
            XmlStream component = new XmlStream(new ComponentAuthenticator("comp.localhost", SECRET), reactor);
            Deferred<Object> authd = new Deferred<>();
            component.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, authd::callback);
            Coroutine.await(Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "127.0.0.1", prosody.component()),
                    component));
            Coroutine.await(authd);

            XmppClient juliet = Coroutine.await(XmppClient.connect(reactor, "127.0.0.1", prosody.c2s(),
                    new ClientAuthenticator(Jid.parse("juliet@localhost/balcony"), "r0m30").tls(prosody.tls(), true)));
            Deferred<Element> atComponent = next(component, "/message");
            juliet.sendMessage(Jid.parse("bot@comp.localhost"), "chat", "ping?");
            Element received = Coroutine.await(atComponent);
            assertThat(received.getAttribute("from")).isEqualTo("juliet@localhost/balcony");
            assertThat(received.childText("body")).isEqualTo("ping?");

            Deferred<Element> atJuliet = next(juliet.stream(), "/message");
            Element reply = new Element(Namespaces.COMPONENT_ACCEPT, "message").attribute("from", "bot@comp.localhost")
                    .attribute("to", "juliet@localhost/balcony").attribute("type", "chat");
            reply.addElement("body").addContent("pong!");
            component.send(reply);
            assertThat(Coroutine.await(atJuliet).childText("body")).isEqualTo("pong!");
            juliet.close();
            component.close();
        } finally {
            prosody.server().stop(reactor);
        }
    }

    @Test
    void componentWithAWrongSecretIsRefused(NioReactor reactor) throws Exception {
        Prosody prosody = start(reactor);
        try {
            XmlStream component = new XmlStream(new ComponentAuthenticator("comp.localhost", "wrong"), reactor);
            Deferred<Object> error = new Deferred<>();
            component.addOnetimeObserver(XmlStream.STREAM_ERROR_EVENT, error::callback);
            Coroutine.await(Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "127.0.0.1", prosody.component()),
                    component));
            assertThat(Coroutine.await(error)).isInstanceOfSatisfying(StreamError.class,
                    e -> assertThat(e.condition()).isEqualTo("not-authorized"));
        } finally {
            prosody.server().stop(reactor);
        }
    }
}
