package org.twisted4j.testing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * A throw-away certificate authority for the TLS tests: a self-signed certificate for {@code localhost}
 * and 127.0.0.1, made once per test run with the JDK's {@code keytool}, and the options built from it.
 */
final class TestTls {
    static final char[] PASSWORD = "changeit".toCharArray();

    /** The key store with the server's key and certificate, and that certificate exported as PEM. */
    record Material(Path dir, Path keyStore, Path certificatePem, SSLContext server, SSLContext client) {
    }

    private static Material material;

    private TestTls() {
    }

    static synchronized Material material() throws Exception {
        if (material == null) {
            material = make();
        }
        return material;
    }

    /** Server options: the test certificate, TLS 1.2 and 1.3, and ALPN if {@code alpn} is not empty. */
    static TlsOptions server(String... alpn) throws Exception {
        SSLContext context = material().server();
        return (host, port) -> {
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(false);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            if (alpn.length > 0) {
                parameters.setApplicationProtocols(alpn);
            }
            engine.setSSLParameters(parameters);
            return engine;
        };
    }

    /** Client options that trust the test certificate and check that the peer is {@code localhost}. */
    static TlsOptions client(String... protocols) throws Exception {
        SSLContext context = material().client();
        return (host, port) -> {
            SSLEngine engine = context.createSSLEngine("localhost", port);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            engine.setSSLParameters(parameters);
            return engine;
        };
    }

    /** Client options that trust nothing but the JDK's default authorities: the test server fails them. */
    static TlsOptions untrustingClient() {
        return (host, port) -> {
            try {
                SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", port);
                engine.setUseClientMode(true);
                return engine;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Client options that trust the certificate in {@code pem} and check that the peer is localhost. */
    static TlsOptions clientTrusting(Path pem, String... protocols) throws Exception {
        java.security.cert.CertificateFactory certificates = java.security.cert.CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("peer", certificates.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return (host, port) -> {
            SSLEngine engine = context.createSSLEngine("localhost", port);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            engine.setSSLParameters(parameters);
            return engine;
        };
    }

    private static Material make() throws Exception {
        Path dir = Files.createTempDirectory("tls-test");
        dir.toFile().deleteOnExit();
        Path keyStore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        String keytool = keytool();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-file", pem.toString()));
        keyStore.toFile().deleteOnExit();
        pem.toFile().deleteOnExit();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);

        Certificate certificate = keys.getCertificate("server");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return new Material(dir, keyStore, pem, server, client);
    }

    private static String keytool() {
        Path fromJdk = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (Files.isExecutable(fromJdk)) {
            return fromJdk.toString();
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry, "keytool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("the TLS tests need keytool to make a test certificate; install a JDK, e.g. the"
                + " Debian package openjdk-17-jdk-headless");
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
