package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** optionsForClientTLS: chain and host name checks, SNI and ALPN, proven by in-memory handshakes. */
class ClientTlsOptionsTest {
    private static final PrivateCertificate CA = CertificateBuilder.authority("Client Test CA").build();
    private static final TrustRoot TRUST_CA = TrustRoot.of(CA.certificate());

    @TempDir
    Path dir;

    private static CertificateOptions serverFor(String... dnsNames) {
        return CertificateOptions.builder().certificate(CertificateBuilder.issuedBy(CA, "server").dnsNames(dnsNames).build()).build();
    }

    private static InMemoryHandshake.Outcome connect(String hostName, CertificateOptions server) {
        return InMemoryHandshake.run(ClientTlsOptions.optionsForClientTLS(hostName, TRUST_CA, null, List.of()), server);
    }

    @Test
    void serverWhoseCertificateNamesTheHostIsAcceptedAndGetsTheNameThroughSni() {
        ClientTlsOptions options = ClientTlsOptions.optionsForClientTLS("good.test", TRUST_CA, null, List.of());
        SSLEngine client = options.newEngine("192.0.2.7", 8443);

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(client, serverFor("good.test").newEngine(null, -1));

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverInfo().serverName()).isEqualTo("good.test");
        assertThat(outcome.clientInfo().serverName()).isEqualTo("good.test");
        assertThat(client.getPeerHost()).isEqualTo("good.test");
        assertThat(client.getPeerPort()).isEqualTo(8443);
    }

    @Test
    void hostNameMismatchFailsOnTheClient() {
        InMemoryHandshake.Outcome outcome = connect("wrong.test", serverFor("good.test"));

        assertThat(outcome.clientError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.clientError()).rootCause().hasMessageContaining("wrong.test");
    }

    @Test
    void wildcardCoversExactlyOneLeftmostLabel() {
        CertificateOptions server = serverFor("*.wild.test");

        assertThat(connect("a.wild.test", server).succeeded()).isTrue();
        assertThat(connect("wild.test", server).clientError()).isNotNull();
        assertThat(connect("a.b.wild.test", server).clientError()).isNotNull();
    }

    @Test
    void ipLiteralIsCheckedAgainstIpSubjectAltNamesAndSentWithoutSni() {
        CertificateOptions server = CertificateOptions.builder().certificate(CertificateBuilder.issuedBy(CA, "server")
                .dnsNames("127.0.0.2").ipAddresses("127.0.0.1", "::1").build()).build();

        InMemoryHandshake.Outcome v4 = connect("127.0.0.1", server);
        InMemoryHandshake.Outcome v6 = connect("[::1]", server);

        assertThat(v4.succeeded()).as("%s", v4).isTrue();
        assertThat(v4.serverInfo().serverName()).isNull();
        assertThat(v6.succeeded()).as("%s", v6).isTrue();
        assertThat(connect("127.0.0.2", server).clientError()).as("a DNS entry does not vouch for an IP").isNotNull();
    }

    @Test
    void internationalisedHostNameIsCheckedAndSentInItsAsciiForm() {
        ClientTlsOptions options = ClientTlsOptions.optionsForClientTLS("bücher.test", TRUST_CA, null, List.of());

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(options, serverFor("xn--bcher-kva.test"));

        assertThat(options.hostName()).isEqualTo("xn--bcher-kva.test");
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverInfo().serverName()).isEqualTo("xn--bcher-kva.test");
    }

    @Test
    void platformTrustDoesNotAcceptAPrivateAuthority() {
        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(
                ClientTlsOptions.optionsForClientTLS("good.test"), serverFor("good.test"));

        assertThat(outcome.clientError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.clientError()).hasMessageContaining("PKIX");
    }

    @Test
    void selfSignedServerCertificateCanBeTrustedAsItsOwnRoot() {
        PrivateCertificate self = CertificateBuilder.selfSigned("self.test").build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(
                ClientTlsOptions.optionsForClientTLS("self.test", TrustRoot.of(self.certificate()), null, List.of()),
                CertificateOptions.builder().certificate(self).build());

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    @Test
    void clientCertificateAndAlpnAreOffered() {
        PrivateCertificate alice = CertificateBuilder.issuedBy(CA, "alice").build();
        CertificateOptions server = CertificateOptions.builder()
                .certificate(CertificateBuilder.issuedBy(CA, "server").dnsNames("good.test").build())
                .trustRoot(TRUST_CA).requireClientCertificate().applicationProtocols(List.of("h2", "http/1.1")).build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(
                ClientTlsOptions.optionsForClientTLS("good.test", TRUST_CA, alice, List.of("http/1.1")), server);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverInfo().peerCertificate()).isEqualTo(alice.certificate());
        assertThat(outcome.clientInfo().applicationProtocol()).isEqualTo("http/1.1");
    }

    @Test
    void caFileFromDiskIsATrustRoot() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ca.pem"), CA.certificatesPem());

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(ClientTlsOptions.optionsForClientTLS(
                "good.test", TrustRoot.fromPem(dir.resolve("ca.pem")), null, List.of()), serverFor("good.test"));

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    @Test
    void directoryOfPemFilesIsATrustRootAndOtherFilesAreSkipped() throws Exception {
        PrivateCertificate otherCa = CertificateBuilder.authority("Other CA").build();
        java.nio.file.Files.writeString(dir.resolve("a-other.pem"), otherCa.certificatesPem());
        java.nio.file.Files.writeString(dir.resolve("b-ca.pem"), CA.certificatesPem());
        java.nio.file.Files.writeString(dir.resolve("README"), "not a certificate");

        TrustRoot roots = TrustRoot.fromPemDirectory(dir);
        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(
                ClientTlsOptions.optionsForClientTLS("good.test", roots, null, List.of()), serverFor("good.test"));

        assertThat(roots.certificates()).containsExactlyInAnyOrder(otherCa.certificate(), CA.certificate());
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThatThrownBy(() -> TrustRoot.fromPemDirectory(dir.resolve("missing")))
                .isInstanceOf(CertificateError.class).hasMessageContaining("missing");
    }

    @Test
    void jdkFallsBackToTheCommonNameWhenThereIsNoDnsSubjectAltName() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=cn-only.test", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem");
        PrivateCertificate cnOnly = PrivateCertificate.load(dir.resolve("key.pem"), dir.resolve("cert.pem"), null);

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(ClientTlsOptions.optionsForClientTLS(
                "cn-only.test", TrustRoot.of(cnOnly.certificate()), null, List.of()),
                CertificateOptions.builder().certificate(cnOnly).build());

        assertThat(cnOnly.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(outcome.succeeded()).as("documented difference from service_identity: %s", outcome).isTrue();
    }

    @Test
    void jdkAcceptsAWildcardThatIsOnlyPartOfTheFirstLabel() {
        InMemoryHandshake.Outcome outcome = connect("www.part.test", serverFor("w*.part.test"));

        assertThat(outcome.succeeded()).as("documented difference from service_identity: %s", outcome).isTrue();
    }

    @Test
    void invalidHostNamesAndServerModeOptionsAreRefused() {
        assertThatThrownBy(() -> ClientTlsOptions.optionsForClientTLS("bad host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad host");
        assertThatThrownBy(() -> ClientTlsOptions.of("good.test", serverFor("good.test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client mode");
    }
}
