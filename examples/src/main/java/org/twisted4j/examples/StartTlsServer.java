package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * A line server that switches to TLS on request, as SMTP, IMAP and XMPP do: the client sends
 * {@code STARTTLS}, the server answers {@code READY} in the clear, both sides start TLS on the same
 * connection, and from then on every line is echoed, encrypted.
 *
 * <pre>
 * bin/run-example starttls-server [ENDPOINT [CERT_PEM KEY_PEM]]   # tcp:8000, a fresh self-signed certificate
 * </pre>
 *
 * <p>Without a certificate it makes a self-signed one for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, logs its SHA-256 fingerprint and writes it to a temporary PEM file that a client can trust,
 * such as {@code bin/run-example starttls-client tcp:host=127.0.0.1:port=8000 THAT_FILE}.
 */
public final class StartTlsServer {

    /** Echoes lines once the client has asked for TLS; before that, answers only {@code STARTTLS}. */
    public static final class StartTlsEcho extends LineReceiver {
        private final TlsOptions options;
        private boolean secure;

        /**
         * Makes the protocol for one connection.
         *
         * @param options the server's TLS options, used when the client sends {@code STARTTLS}
         */
        public StartTlsEcho(TlsOptions options) {
            this.options = options;
        }

        @Override
        protected void lineReceived(byte[] line) {
            if (secure) {
                sendLine(line);
            } else if (new String(line, US_ASCII).equals("STARTTLS")
                    && transport() instanceof TlsUpgradable upgradable) {
                sendLine("READY");                                          // the last line in the clear
                secure = true;
                upgradable.startTLS(options, false, ByteBuffer.wrap(clearLineBuffer()));  // the rest is TLS
            } else {
                sendLine("ERROR send STARTTLS first");
            }
        }
    }

    private StartTlsServer() {
    }

    /**
     * Returns a factory of {@link StartTlsEcho} protocols that serve TLS with {@code certificate}.
     *
     * @param certificate the server's key and certificate chain
     */
    public static Factory factory(PrivateCertificate certificate) {
        TlsOptions options = CertificateOptions.builder().certificate(certificate).build();
        return Factory.forProtocol(() -> new StartTlsEcho(options));
    }

    /**
     * Makes a self-signed certificate for this machine's loopback names: {@code localhost},
     * {@code 127.0.0.1} and {@code ::1}.
     */
    public static PrivateCertificate selfSigned() {
        return CertificateBuilder.selfSigned("localhost").dnsNames("localhost").ipAddresses("127.0.0.1", "::1")
                .build();
    }

    /**
     * Returns the SHA-256 fingerprint of {@code certificate}, as {@code openssl x509 -fingerprint -sha256}
     * writes it: colon-separated upper-case hex.
     *
     * @throws IllegalArgumentException if the certificate cannot be encoded
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * Listens on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description, PrivateCertificate certificate) {
        return ExampleMain.listen(reactor, "starttls-server", description, factory(certificate));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description, then optionally the certificate and key PEM files
     */
    public static void main(String[] args) {
        ExampleMain.serve("starttls-server", args, ExampleMain.DEFAULT_SERVER, (reactor, where) -> {
            PrivateCertificate certificate;
            if (args.length >= 3) {
                certificate = PrivateCertificate.load(Path.of(args[2]), Path.of(args[1]), null);
            } else if (args.length == 2) {
                throw new IllegalArgumentException("give both CERT_PEM and KEY_PEM, or neither");
            } else {
                certificate = selfSigned();
                Path pem = Files.createTempFile("starttls-server-", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, certificate.certificatesPem());
                new Logger("starttls-server").info("self-signed certificate for localhost, SHA-256 {fingerprint},"
                        + " written to {file}", "fingerprint", fingerprint(certificate.certificate()), "file", pem);
            }
            return start(reactor, where, certificate);
        });
    }
}
