package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.client.KnownHostsFile;
import org.twisted4j.conch.client.KnownHostsUI;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SSHSignatureVerifier;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;

/**
 * Host keys presenting OpenSSH host certificates (names, blob, signatures by the key itself), and our client
 * checking them against {@code @cert-authority} lines.
 */
class HostKeyCertificateTest {

    @Test
    void aCertifiedKeyOffersCertificateAlgorithmsAndSignsWithTheKey() throws Exception {
        HostKey plain = HostKey.generate("ssh-rsa");
        Certificate cert = Certificate.builder(Key.fromKeyPair(plain.keyPair())).type(Certificate.Type.HOST)
                .sign(Key.generate(KeyType.ED25519), "ssh-ed25519");
        HostKey certified = plain.withCertificate(cert.blob());
        assertThat(certified.algorithms()).containsExactly("rsa-sha2-512-cert-v01@openssh.com",
                "rsa-sha2-256-cert-v01@openssh.com");
        assertThat(certified.publicBlob()).isEqualTo(cert.blob());
        byte[] data = {1, 2, 3};
        byte[] signature = certified.sign("rsa-sha2-256-cert-v01@openssh.com", data);
        assertThat(new SSHSignatureVerifier().verify("rsa-sha2-256", plain.publicBlob(), data, signature)).isTrue();
    }

    @Test
    void anotherKeysCertificateIsRefused() throws Exception {
        HostKey plain = HostKey.generate("ssh-ed25519");
        Certificate other = Certificate.builder(Key.generate(KeyType.ED25519)).type(Certificate.Type.HOST)
                .principals(List.of("h")).sign(Key.generate(KeyType.ED25519), "ssh-ed25519");
        assertThatThrownBy(() -> plain.withCertificate(other.blob())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plain.withCertificate(plain.publicBlob()))
                .isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void ourClientTrustsAHostCertificateOnlyThroughAMatchingCertAuthorityLine() throws Exception {
        Key ca = Key.generate(KeyType.ED25519);
        HostKey plain = HostKey.generate("ssh-ed25519");
        Certificate cert = Certificate.builder(Key.fromKeyPair(plain.keyPair())).type(Certificate.Type.HOST)
                .principals(List.of("server.example")).sign(ca, "ssh-ed25519");
        HostKey certified = plain.withCertificate(cert.blob());
        String line = "@cert-authority *.example " + ca.publicLine("") + "\n";

        assertThat(connect(certified, KnownHostsFile.fromText(line), "server.example")).isTrue();
        assertThat(connect(certified, KnownHostsFile.fromText(line), "other.example")).isFalse();
        assertThat(connect(certified, KnownHostsFile.fromText("@cert-authority *.example "
                + Key.generate(KeyType.ED25519).publicLine("") + "\n"), "server.example")).isFalse();
        assertThat(connect(certified, KnownHostsFile.fromText(line + "@revoked * " + ca.publicLine("") + "\n"),
                "server.example")).isFalse();
        KnownHostsFile known = KnownHostsFile.fromText(line);
        assertThat(known.hasCertificateAuthority("server.example", 22)).isTrue();
        assertThat(known.hasCertificateAuthority("server.other", 22)).isFalse();
        assertThat(known.trustsCertificate("server.example", 22, cert, 0)).isTrue();
        Certificate expired = Certificate.builder(Key.fromKeyPair(plain.keyPair())).type(Certificate.Type.HOST)
                .principals(List.of("server.example")).validity(10, 20).sign(ca, "ssh-ed25519");
        assertThat(known.trustsCertificate("server.example", 22, expired, 20)).isFalse();
        Certificate user = Certificate.builder(Key.fromKeyPair(plain.keyPair()))
                .principals(List.of("server.example")).sign(ca, "ssh-ed25519");
        assertThat(known.trustsCertificate("server.example", 22, user, 0)).isFalse();
    }

    /** Whether our client, offering host certificates first, finishes the key exchange with the server. */
    private static boolean connect(HostKey hostKey, KnownHostsFile known, String host) {
        Clock clock = new Clock();
        SshTransportTest.Echo serverService = new SshTransportTest.Echo();
        SshTransportTest.Echo clientService = new SshTransportTest.Echo();
        SshServerTransport server = new SshServerTransport(new TransportConfig(), clock, List.of(hostKey),
                Map.of("test-echo", t -> serverService), Moduli.defaults());
        List<String> algorithms = new ArrayList<>(SshClientTransport.HOST_CERTIFICATE_ALGORITHMS);
        algorithms.addAll(SshClientTransport.HOST_KEY_ALGORITHMS);
        SshClientTransport client = new SshClientTransport(new TransportConfig(), clock,
                known.verifier(host, 22, KnownHostsUI.REFUSE_UNKNOWN), clientService, algorithms);
        IOPump.connectedLoopback(server, client).flush();
        if (clientService.started) {
            assertThat(server.negotiated().hostKeyAlgorithm()).isEqualTo("ssh-ed25519-cert-v01@openssh.com");
        }
        return clientService.started;
    }
}
