package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.protocols.tls.TlsFactory;

/** A server on loopback for the interop tests: anonymous reads {@code pub}, alice/secret owns {@code alice}. */
final class FtpFixture {

    static final PrivateCertificate CERTIFICATE = CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
            .ipAddresses("127.0.0.1").build();

    final Path pub;
    final Path home;
    final FtpServerFactory factory;
    final ListeningPort port;
    final CertificateOptions tls;

    FtpFixture(NioReactor reactor, Path dir, boolean implicit) throws IOException {
        pub = Files.createDirectories(dir.resolve("pub"));
        home = Files.createDirectories(dir.resolve("alice"));
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        users.addUser("alice", "secret");
        FtpRealm realm = new FtpRealm(pub).addUser("alice", home, EnumSet.allOf(FtpPermission.class));
        factory = new FtpServerFactory(reactor, reactor, new Portal(realm, users, new AllowAnonymousAccess()));
        tls = CertificateOptions.builder().certificate(CERTIFICATE).build();
        factory.setTlsOptions(tls);
        factory.setFailedLoginDelay(0);
        factory.setImplicitTls(implicit);
        port = implicit ? reactor.listenTCP(0, new TlsFactory(tls, factory, false), 50, "127.0.0.1")
                : reactor.listenTCP(0, factory, 50, "127.0.0.1");
    }

    int port() {
        return ((IPv4Address) port.getHost()).port();
    }

    void stop() throws Exception {
        Coroutine.await(port.stopListening());
    }

    /** Runs a program to its end (120 s at most) off the reactor thread; returns its exit status and output. */
    static String[] run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Path output = Files.createTempFile("twisted4j-ftp", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.flush();
                }
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish: " + Files.readString(output, UTF_8));
                }
                return new String[] {Integer.toString(process.exitValue()), Files.readString(output, UTF_8)};
            } finally {
                Files.deleteIfExists(output);
            }
        }));
    }

    static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }
}
