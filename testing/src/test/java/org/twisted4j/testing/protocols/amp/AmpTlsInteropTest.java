package org.twisted4j.testing.protocols.amp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.protocols.amp.calculator.Calculator.SUM;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.Arguments;
import org.twisted4j.protocols.amp.Command;
import org.twisted4j.protocols.amp.Schema;
import org.twisted4j.protocols.amp.StartTLS;
import org.twisted4j.protocols.amp.calculator.Calculator;
import org.twisted4j.protocols.amp.calculator.Calculator.Nothing;
import org.twisted4j.protocols.amp.calculator.Calculator.Operands;
import org.twisted4j.protocols.amp.calculator.Calculator.Total;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * StartTLS and a protocol switch against Python Twisted over loopback TCP, both ways: each side asks the other,
 * after StartTLS, whether its transport is TLS and whose certificate it sees, then switches the connection to a
 * line echo. The scripts are {@code amp_tls_server.py} and {@code amp_tls_client.py}, with {@code switching.py}.
 */
@ExtendWith(org.twisted4j.trial.TrialExtension.class)
class AmpTlsInteropTest {
    /** The common name in an RFC 2253 name whose values need no escaping, as the test's certificates have. */
    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)CN=([^,]*)");
    private static final Pattern LISTENING = Pattern.compile("AMP listening on (\\d+)");

    /** What the answering side of {@link #SECURE} sees: a TLS transport, and its peer's certificate name. */
    public record Secured(boolean tls, String peer) {
    }

    /** The local factory of {@link #SWITCH_TO_ECHO}. */
    public record EchoSwitch(@Nullable Factory factory) {
    }

    static final Command<Nothing, Secured> SECURE = Command.builder("Secure", Schema.empty(Nothing.class),
            Schema.of(Secured.class).field("tls", Arguments.bool()).field("peer", Arguments.unicode()).build())
            .build();

    static final Schema<EchoSwitch> ECHO_SWITCH = Schema.of(EchoSwitch.class).local("factory").build();
    static final Command<EchoSwitch, EchoSwitch> SWITCH_TO_ECHO = Command.builder("SwitchToEcho", ECHO_SWITCH,
            ECHO_SWITCH).switchesProtocol().build();

    /** The authority and the two certificates it issues, written as the Python scripts read them. */
    private record Material(PrivateCertificate authority, PrivateCertificate server, PrivateCertificate client) {
        static Material write(Path dir) throws Exception {
            PrivateCertificate authority = CertificateBuilder.authority("twisted4j test authority").build();
            PrivateCertificate server = CertificateBuilder.issuedBy(authority, "localhost").dnsNames("localhost")
                    .ipAddresses("127.0.0.1").build();
            PrivateCertificate client = CertificateBuilder.issuedBy(authority, "java-client").build();
            Files.writeString(dir.resolve("ca.pem"), authority.certificatesPem());
            Files.writeString(dir.resolve("server.pem"), server.keyPem() + server.certificatesPem());
            Files.writeString(dir.resolve("client.pem"), client.keyPem() + client.certificatesPem());
            return new Material(authority, server, client);
        }
    }

    /** Sends every line back. */
    static final class Echo extends LineReceiver {
        @Override
        protected void lineReceived(byte[] line) {
            sendLine(line);
        }
    }

    /** Sends one line and fires with the line that comes back. */
    static final class EchoOnce extends LineReceiver {
        final Deferred<String> echoed = new Deferred<>();

        @Override
        public void connectionMade() {
            sendLine("hello from Java".getBytes(UTF_8));
        }

        @Override
        protected void lineReceived(byte[] line) {
            transport().loseConnection();
            echoed.callback(new String(line, UTF_8));
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!echoed.isCalled()) {
                echoed.errback(reason);
            }
        }
    }

    /** The common name of the peer's certificate as {@code amp}'s TLS side saw it, or "" if it sent none. */
    static String peerName(AMP amp) {
        TlsTransport tls = amp.tlsTransport();
        TlsHandshakeInfo info = tls == null ? null : tls.handshakeInfo();
        if (info == null || info.peerCertificates().isEmpty()) {
            return "";
        }
        X509Certificate certificate = info.peerCertificates().get(0);
        Matcher name = COMMON_NAME.matcher(certificate.getSubjectX500Principal().getName());
        return name.find() ? name.group(1) : "";
    }

    @Test
    void pythonClientStartsTlsAndSwitchesWithOurServer(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.PYOPENSSL.require();
        Material material = Material.write(dir);
        TlsOptions serverTls = CertificateOptions.builder().certificate(material.server())
                .trustRoot(TrustRoot.of(material.authority().certificate())).requestClientCertificate().build();
        List<AMP> served = new ArrayList<>();
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> {
            AMP amp = new AMP();
            Calculator.serve(amp.dispatcher());
            amp.respond(StartTLS.COMMAND, args -> new StartTLS.Options(serverTls))
                    .respond(SECURE, args -> new Secured(amp.isTlsStarted(), peerName(amp)))
                    .respond(SWITCH_TO_ECHO, args -> new EchoSwitch(Factory.forProtocol(Echo::new)));
            served.add(amp);
            return amp;
        }), 50, "127.0.0.1");
        try {
            PythonAmp.Run run = PythonAmp.run(reactor, "amp_tls_client.py",
                    Integer.toString(((IPv4Address) port.getHost()).port()), dir.toString());
            assertThat(run.lines()).as("what the Python client printed").containsExactly(
                    "sum 94",
                    "server says tls True peer java-client",
                    "client sees tls True peer localhost",
                    "echo hello from Python");
            assertThat(run.exitCode()).isZero();
            assertThat(served).singleElement().satisfies(amp -> {
                assertThat(amp.isTlsStarted()).isTrue();
                assertThat(amp.switchedTo()).isInstanceOf(Echo.class);
            });
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void ourClientStartsTlsAndSwitchesWithPythonServer(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.PYOPENSSL.require();
        Material material = Material.write(dir);
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "Python AMP server",
                PythonAmp.command("amp_tls_server.py", dir.toString()), LISTENING);
        try {
            AMP amp = Coroutine.await(Endpoints.connectProtocol(
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + server.port()), new AMP()));
            assertThat(Coroutine.await(amp.callRemote(SUM, new Operands(13, 81)))).isEqualTo(new Total(94));
            ClientTlsOptions clientTls = ClientTlsOptions.optionsForClientTLS("localhost",
                    TrustRoot.of(material.authority().certificate()), material.client(), List.of());
            Deferred<StartTLS.Options> started = amp.callRemote(StartTLS.COMMAND, new StartTLS.Options(clientTls));
            Deferred<Secured> secured = amp.callRemote(SECURE, new Nothing());  // waits, then goes over TLS
            Coroutine.await(started);
            assertThat(Coroutine.await(secured)).as("what Python's side sees")
                    .isEqualTo(new Secured(true, "java-client"));
            TlsTransport tls = amp.tlsTransport();
            assertThat(tls).isNotNull();
            assertThat(peerName(amp)).isEqualTo("localhost");
            EchoOnce echo = new EchoOnce();
            Coroutine.await(amp.callRemote(SWITCH_TO_ECHO, new EchoSwitch(ClientFactory.forProtocol(() -> echo))));
            assertThat(amp.switchedTo()).isSameAs(echo);
            assertThat(Coroutine.await(echo.echoed)).isEqualTo("hello from Java");
        } finally {
            String said = server.stop(reactor);
            assertThat(said).as("the Python server's output").doesNotContain("Traceback");
        }
    }
}
