package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class StartTlsServerTest {

    private static final PrivateCertificate SERVER = StartTlsServer.selfSigned();

    private static ClientTlsOptions trustingServer() {
        return ClientTlsOptions.optionsForClientTLS("localhost", TrustRoot.of(SERVER.certificate()), null, List.of());
    }

    @Test
    void answersLinesBeforeStartTlsWithAnErrorInTheClear() {
        StringTransport transport = new StringTransport();
        Protocol server = StartTlsServer.factory(SERVER).buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        server.dataReceived(ByteBuffer.wrap("hello\r\n".getBytes(US_ASCII)));

        assertThat(transport.valueAsString()).isEqualTo("ERROR send STARTTLS first\r\n");
    }

    @Test
    void clientGetsReadyThenItsLineEchoedOverTlsInMemory(Trial trial) {
        StartTlsClient.StartTlsLine client = new StartTlsClient.StartTlsLine(trustingServer(), "over TLS");
        IOPump pump = IOPump.connectedLoopback(
                StartTlsServer.factory(SERVER).buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        pump.flush();

        assertThat(trial.successResultOf(client.echoed())).isEqualTo("over TLS");
    }

    @Test
    void clientThatDoesNotTrustTheCertificateGetsNoEcho(Trial trial) {
        ClientTlsOptions other = ClientTlsOptions.optionsForClientTLS("localhost",
                TrustRoot.of(StartTlsServer.selfSigned().certificate()), null, List.of());
        StartTlsClient.StartTlsLine client = new StartTlsClient.StartTlsLine(other, "secret");
        IOPump pump = IOPump.connectedLoopback(
                StartTlsServer.factory(SERVER).buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        pump.flush();

        trial.failureResultOf(client.echoed(), TlsError.class);
    }

    @Test
    void ourClientOverTcpUpgradesAndGetsItsEcho(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(StartTlsServer.start(reactor, "tcp:0:interface=127.0.0.1", SERVER));
        String where = "tcp:host=127.0.0.1:port=" + EchoServerTest.portNumber(port);

        assertThat(Coroutine.await(StartTlsClient.echo(reactor, where, trustingServer(), "first"))).isEqualTo("first");
        assertThat(Coroutine.await(StartTlsClient.echo(reactor, where, trustingServer(), "second"))).isEqualTo("second");
        Coroutine.await(port.stopListening());
    }

    @Test
    void pythonSslClientDoesTheStartTlsExchange(NioReactor reactor, @TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("server.pem"), SERVER.certificatesPem());
        ListeningPort port = Coroutine.await(StartTlsServer.start(reactor, "tcp:0:interface=127.0.0.1", SERVER));

        Peers.Outcome python = Coroutine.await(Peers.python(reactor, "tls_line_client.py", "starttls",
                String.valueOf(EchoServerTest.portNumber(port)), ca.toString(), "hello from Python's ssl"));

        assertThat(python.output()).contains("tls: TLSv1.3").contains("echoed: hello from Python's ssl");
        assertThat(python.exitCode()).as(python.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void fingerprintIsTheOneOpensslComputes(NioReactor reactor, @TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("server.pem"), SERVER.certificatesPem());

        Peers.Outcome openssl = Coroutine.await(Peers.tool(reactor, Peer.OPENSSL, "",
                "x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256"));

        assertThat(openssl.output().strip()).endsWith("=" + StartTlsServer.fingerprint(SERVER.certificate()));
    }
}
