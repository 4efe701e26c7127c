package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Server-side options proven by in-memory handshakes between JDK engines. */
class CertificateOptionsTest {
    private static final PrivateCertificate CA = CertificateBuilder.authority("Test CA").build();
    private static final PrivateCertificate DEFAULT = CertificateBuilder.issuedBy(CA, "default.test").build();
    private static final PrivateCertificate ALPHA = CertificateBuilder.issuedBy(CA, "alpha.test").build();
    private static final PrivateCertificate WILD = CertificateBuilder.issuedBy(CA, "*.wild.test")
            .keyType(CertificateBuilder.KeyType.RSA_2048).build();
    private static final PrivateCertificate CLIENT = CertificateBuilder.issuedBy(CA, "alice").build();
    private static final TrustRoot TRUST_CA = TrustRoot.of(CA.certificate());

    private static CertificateOptions.Builder server() {
        return CertificateOptions.builder().certificate(DEFAULT);
    }

    private static CertificateOptions.Builder client() {
        return CertificateOptions.builder().useClientMode(true).trustRoot(TRUST_CA);
    }

    private static SSLEngine clientEngine(CertificateOptions options, @Nullable String sniName) {
        SSLEngine engine = options.newEngine(null, -1);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(sniName == null ? List.of() : List.of(new SNIHostName(sniName)));
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Test
    void sniPicksTheCertificateRegisteredForTheRequestedName() {
        CertificateOptions options = server().sniCertificate("ALPHA.test", ALPHA).sniCertificate("*.wild.test", WILD).build();
        CertificateOptions client = client().build();

        InMemoryHandshake.Outcome alpha = InMemoryHandshake.run(clientEngine(client, "alpha.test"), options.newEngine(null, -1));
        InMemoryHandshake.Outcome wild = InMemoryHandshake.run(clientEngine(client, "x.wild.test"), options.newEngine(null, -1));

        assertThat(alpha.succeeded()).as("%s", alpha).isTrue();
        assertThat(alpha.clientInfo().peerCertificate()).isEqualTo(ALPHA.certificate());
        assertThat(alpha.serverInfo().serverName()).isEqualTo("alpha.test");
        assertThat(wild.succeeded()).as("%s", wild).isTrue();
        assertThat(wild.clientInfo().peerCertificate()).isEqualTo(WILD.certificate());
    }

    @Test
    void sniFallsBackToTheDefaultCertificateForOtherNamesAndWithoutSni() {
        CertificateOptions options = server().sniCertificate("alpha.test", ALPHA).sniCertificate("*.wild.test", WILD).build();
        CertificateOptions client = client().build();

        InMemoryHandshake.Outcome other = InMemoryHandshake.run(clientEngine(client, "other.test"), options.newEngine(null, -1));
        InMemoryHandshake.Outcome deep = InMemoryHandshake.run(clientEngine(client, "a.b.wild.test"), options.newEngine(null, -1));
        InMemoryHandshake.Outcome none = InMemoryHandshake.run(clientEngine(client, null), options.newEngine(null, -1));

        assertThat(other.clientInfo().peerCertificate()).isEqualTo(DEFAULT.certificate());
        assertThat(deep.clientInfo().peerCertificate()).isEqualTo(DEFAULT.certificate());
        assertThat(none.clientInfo().peerCertificate()).isEqualTo(DEFAULT.certificate());
        assertThat(none.serverInfo().serverName()).isNull();
    }

    @Test
    void serverChoosesItsFirstPreferredAlpnProtocolThatTheClientOffers() {
        CertificateOptions options = server().applicationProtocols(List.of("h2", "http/1.1")).build();

        InMemoryHandshake.Outcome both = InMemoryHandshake.run(
                client().applicationProtocols(List.of("http/1.1", "h2")).build(), options);
        InMemoryHandshake.Outcome oneInCommon = InMemoryHandshake.run(
                client().applicationProtocols(List.of("spdy/3", "http/1.1")).build(), options);

        assertThat(both.clientInfo().applicationProtocol()).isEqualTo("h2");
        assertThat(both.serverInfo().applicationProtocol()).isEqualTo("h2");
        assertThat(oneInCommon.clientInfo().applicationProtocol()).isEqualTo("http/1.1");
    }

    @Test
    void noAlpnProtocolInCommonOrNoneOfferedGoesOnWithoutOne() {
        CertificateOptions options = server().applicationProtocols(List.of("h2")).build();

        InMemoryHandshake.Outcome disjoint = InMemoryHandshake.run(client().applicationProtocols(List.of("imap")).build(), options);
        InMemoryHandshake.Outcome silent = InMemoryHandshake.run(client().build(), options);

        assertThat(disjoint.succeeded()).as("%s", disjoint).isTrue();
        assertThat(disjoint.clientInfo().applicationProtocol()).isNull();
        assertThat(disjoint.serverInfo().applicationProtocol()).isNull();
        assertThat(silent.succeeded()).as("%s", silent).isTrue();
        assertThat(silent.serverInfo().applicationProtocol()).isNull();
    }

    @Test
    void requiredClientCertificateRefusesAClientWithoutOne() {
        CertificateOptions options = server().trustRoot(TRUST_CA).requireClientCertificate().build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(client().build(), options);

        assertThat(outcome.serverError()).as("%s", outcome).isNotNull();
        assertThat(outcome.clientError()).as("the alert reaches the client").isNotNull();
    }

    @Test
    void requiredClientCertificateAcceptsOneIssuedUnderTheTrustRoot() {
        CertificateOptions options = server().trustRoot(TRUST_CA).requireClientCertificate().build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(client().certificate(CLIENT).build(), options);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverInfo().peerCertificate()).isEqualTo(CLIENT.certificate());
        assertThat(outcome.clientInfo().localCertificates()).containsExactly(CLIENT.certificate());
    }

    @Test
    void requiredClientCertificateRefusesOneFromAnotherAuthority() {
        PrivateCertificate stranger = CertificateBuilder.selfSigned("mallory").build();
        CertificateOptions options = server().trustRoot(TRUST_CA).requireClientCertificate().build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(client().certificate(stranger).build(), options);

        assertThat(outcome.serverError()).as("%s", outcome).isNotNull();
    }

    @Test
    void requestedClientCertificateIsOptional() {
        CertificateOptions options = server().trustRoot(TRUST_CA).requestClientCertificate().build();

        InMemoryHandshake.Outcome without = InMemoryHandshake.run(client().build(), options);
        InMemoryHandshake.Outcome with = InMemoryHandshake.run(client().certificate(CLIENT).build(), options);

        assertThat(without.succeeded()).as("%s", without).isTrue();
        assertThat(without.serverInfo().peerCertificates()).isEmpty();
        assertThat(with.serverInfo().peerCertificate()).isEqualTo(CLIENT.certificate());
    }

    @Test
    void defaultsAllowOnlyTls13AndTls12AndRefuseATls11Client() {
        CertificateOptions options = server().build();
        SSLEngine serverEngine = options.newEngine(null, -1);

        InMemoryHandshake.Outcome tls12 = InMemoryHandshake.run(client().maximumVersion(TlsVersion.TLSv1_2).build(), options);
        InMemoryHandshake.Outcome current = InMemoryHandshake.run(client().build(), options);

        assertThat(options.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(serverEngine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        // The JDK will not even send a TLS 1.1 hello, so the server is fed a hand-made one.
        assertThatThrownBy(() -> {
            serverEngine.unwrap(tls11ClientHello(), ByteBuffer.allocate(32768));
            for (Runnable task = serverEngine.getDelegatedTask(); task != null; task = serverEngine.getDelegatedTask()) {
                task.run();
            }
            serverEngine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(32768));
        }).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("TLSv1.1");
        assertThat(tls12.clientInfo().protocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.clientInfo().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_").contains("_GCM_");
        assertThat(current.clientInfo().protocol()).isEqualTo("TLSv1.3");
    }

    /** A TLS 1.1 ClientHello record with no extensions, offering ECDHE-ECDSA-AES128-SHA and AES128-SHA. */
    private static ByteBuffer tls11ClientHello() {
        ByteBuffer body = ByteBuffer.allocate(128);
        body.put((byte) 3).put((byte) 2).put(new byte[32]).put((byte) 0);
        body.putShort((short) 4).putShort((short) 0xC009).putShort((short) 0x002F);
        body.put((byte) 1).put((byte) 0);
        body.flip();
        ByteBuffer record = ByteBuffer.allocate(9 + body.remaining());
        record.put((byte) 22).put((byte) 3).put((byte) 2).putShort((short) (4 + body.remaining()));
        record.put((byte) 1).put((byte) 0).putShort((short) body.remaining());
        record.put(body).flip();
        return record;
    }

    @Test
    void defaultCipherSuitesAreForwardSecretAeadOnly() {
        List<String> suites = server().build().cipherSuites();

        assertThat(suites).contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(suites).noneMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_") || s.contains("NULL")
                || s.contains("anon") || s.contains("3DES") || s.contains("RC4") || s.contains("_DSS_"));
    }

    @Test
    void explicitCipherSuiteIsTheOnlyOneNegotiated() {
        CertificateOptions options = server().maximumVersion(TlsVersion.TLSv1_2)
                .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")).build();

        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(client().build(), options);

        assertThat(outcome.clientInfo().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void impossibleSettingsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> CertificateOptions.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a certificate");
        assertThatThrownBy(() -> server().requireClientCertificate().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trust root");
        assertThatThrownBy(() -> client().requestClientCertificate().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only a server");
        assertThatThrownBy(() -> server().minimumVersion(TlsVersion.TLSv1_3).maximumVersion(TlsVersion.TLSv1_2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer than the maximum");
        assertThatThrownBy(() -> server().cipherSuites(List.of("TLS_MADE_UP")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS_MADE_UP");
        assertThatThrownBy(() -> server().applicationProtocols(List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().sniCertificate("a.*.test", ALPHA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builtOptionsDoNotChangeWhenTheBuilderOrGivenListsDo() {
        List<String> protocols = new ArrayList<>(List.of("h2"));
        CertificateOptions.Builder builder = server().applicationProtocols(protocols);
        CertificateOptions options = builder.build();

        protocols.add("http/1.1");
        builder.applicationProtocols(List.of("spdy/3")).sniCertificate("alpha.test", ALPHA).minimumVersion(TlsVersion.TLSv1_3);
        SSLEngine first = options.newEngine(null, -1);
        first.setEnabledProtocols(new String[] {"TLSv1.2"});

        assertThat(options.applicationProtocols()).containsExactly("h2");
        assertThat(options.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(options.newEngine(null, -1).getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThatThrownBy(() -> options.cipherSuites().add("x")).isInstanceOf(UnsupportedOperationException.class);
        InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(clientEngine(client().build(), "alpha.test"), options.newEngine(null, -1));
        assertThat(outcome.clientInfo().peerCertificate()).isEqualTo(DEFAULT.certificate());
    }

    @Test
    void oneOptionsObjectServesHandshakesOnSeveralThreadsAtOnce() throws Exception {
        CertificateOptions serverOptions = server().sniCertificate("alpha.test", ALPHA).build();
        CertificateOptions clientOptions = client().build();
        List<Callable<TlsHandshakeInfo>> handshakes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = i % 2 == 0 ? "alpha.test" : "default.test";
            handshakes.add(() -> InMemoryHandshake.run(clientEngine(clientOptions, name), serverOptions.newEngine(null, -1))
                    .clientInfo());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TlsHandshakeInfo>> results = pool.invokeAll(handshakes);
            for (int i = 0; i < results.size(); i++) {
                PrivateCertificate expected = i % 2 == 0 ? ALPHA : DEFAULT;
                assertThat(results.get(i).get().peerCertificate()).isEqualTo(expected.certificate());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handshakeInfoIsOnlyAvailableOnceTheHandshakeIsDone() {
        SSLEngine engine = server().build().newEngine(null, -1);

        assertThatThrownBy(() -> TlsHandshakeInfo.from(engine))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not completed");
    }
}
