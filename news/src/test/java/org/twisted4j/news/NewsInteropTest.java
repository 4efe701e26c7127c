package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.trial.TrialExtension;

/** Python's nntplib against our server over a file store, plainly and over TLS, and our client against it on loopback. */
@ExtendWith(TrialExtension.class)
class NewsInteropTest {

    /** Python's nntplib: in the standard library of Debian's Python 3.11 and 3.12 (removed in 3.13). */
    static final Peer NNTPLIB = Peer.python("Python's nntplib", "nntplib", "python3");

    @TempDir
    Path dir;

    static final PrivateCertificate CERTIFICATE = CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
            .ipAddresses("127.0.0.1").build();

    private ListeningPort listen(NioReactor reactor, boolean tls) throws Exception {
        return listen(reactor, tls, false);
    }

    /** Listens on loopback: plain, implicit TLS, or with STARTTLS and a required login as alice/secret. */
    private ListeningPort listen(NioReactor reactor, boolean tls, boolean secured) throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir.resolve("news"), Clock.systemUTC())
                .addGroup("local.test", PostingStatus.ALLOWED, "Tests", null)
                .addGroup("local.empty", PostingStatus.ALLOWED, "Nothing", null);
        NntpServerFactory factory = new NntpServerFactory(storage, reactor).setServerName("news.example.com");
        CertificateOptions options = CertificateOptions.builder().certificate(CERTIFICATE).build();
        if (secured) {
            InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
            users.addUser("alice", "secret");
            factory.setTlsOptions(options).setPortal(new Portal(new NewsRealm(storage), users))
                    .setRequireAuthentication(true).setRequireTlsForAuthentication(true);
        }
        if (!tls) {
            return reactor.listenTCP(0, factory, 50, "127.0.0.1");
        }
        return reactor.listenTCP(0, new TlsFactory(options, factory, false), 50, "127.0.0.1");
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    @Test
    void nntplibReadsPostsAndSearchesOverviews(NioReactor reactor) throws Exception {
        nntplib(reactor, false);
    }

    @Test
    void nntplibOverTls(NioReactor reactor) throws Exception {
        nntplib(reactor, true);
    }

    @Test
    void nntplibWithStartTlsAndLogin(NioReactor reactor) throws Exception {
        String out = nntplib(reactor, false, true);
        assertThat(out).contains("before ['STARTTLS']\n", "tls True\n", "login accepted\n");
    }

    private void nntplib(NioReactor reactor, boolean tls) throws Exception {
        nntplib(reactor, tls, false);
    }

    private String nntplib(NioReactor reactor, boolean tls, boolean secured) throws Exception {
        Path python = NNTPLIB.require();
        ListeningPort port = listen(reactor, tls, secured);
        String[] got = run(reactor, List.of(python.toString(), script(), Integer.toString(port(port)),
                tls ? "tls" : secured ? "starttls" : "plain"));
        Coroutine.await(port.stopListening());
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).contains("welcome 200 twisted4j NNTP server ready, posting allowed\n",
                "caps ['HDR', 'NEWNEWS', 'OVER', 'POST', 'READER', 'VERSION']\n",
                "list [('local.empty', '0', '1', 'y'), ('local.test', '0', '1', 'y')]\n",
                "descriptions [('local.empty', 'Nothing'), ('local.test', 'Tests')]\n",
                "post 240 Article received OK\n", "group 211 4 1 4 local.test 4 1 4 local.test\n",
                "over [(1, 'hello from nntplib', '2'), (2, 'number 2', '1'), (3, 'number 3', '1'), (4, 'number 4', '1')]\n",
                "xover 4\n", "article 0 <nntplib-1@example.com> [b'.a line that starts with a dot', b'second line']\n",
                "body 1 [b'.a line that starts with a dot', b'second line']\n", "head [b'Subject: number 4']\n",
                "stat (1, '<nntplib-1@example.com>')\n", "hdr [('1', 'hello from nntplib'), ('2', 'number 2')]\n",
                "newnews ['<nntplib-1@example.com>']\n", "nosuch 411 No such newsgroup\n",
                "duplicate 441 Duplicate article <nntplib-1@example.com>\n",
                "missing 430 No article with that message-id\n", "quit 205 Connection closing\n");
        assertThat(got[1]).containsPattern("next \\(2, '<[0-9a-f]{24}@news\\.example\\.com>'\\)\n")
                .containsPattern("last \\(1, '<nntplib-1@example\\.com>'\\)\n");
        return got[1];
    }

    @Test
    void ourClientStartsTlsAndLogsIn(NioReactor reactor) throws Exception {
        ListeningPort port = listen(reactor, false, true);
        NNTPClient client = new NNTPClient();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(port)),
                client));
        Coroutine.await(client.greeting());
        assertThat(Coroutine.await(client.capabilities())).contains("STARTTLS").doesNotContain("AUTHINFO USER");
        NntpError refused = org.junit.jupiter.api.Assertions.assertThrows(NntpError.class,
                () -> Coroutine.await(client.fetchGroup("local.test")));
        assertThat(refused.code()).isEqualTo(480);
        Coroutine.await(client.startTLS(ClientTlsOptions.optionsForClientTLS("localhost",
                TrustRoot.of(CERTIFICATE.certificate()), null, List.of())));
        assertThat(Coroutine.await(client.capabilities())).contains("AUTHINFO USER SASL", "SASL PLAIN")
                .doesNotContain("STARTTLS");
        NntpError wrong = org.junit.jupiter.api.Assertions.assertThrows(NntpError.class,
                () -> Coroutine.await(client.authenticatePlain("alice", "wrong")));
        assertThat(wrong.code()).isEqualTo(481);
        Coroutine.await(client.authenticatePlain("alice", "secret"));
        assertThat(Coroutine.await(client.fetchGroup("local.test")).name()).isEqualTo("local.test");
        Coroutine.await(client.quit());
        Coroutine.await(port.stopListening());
    }

    @Test
    void ourClientCompressesAfterStartTlsAndStartTlsIsRefusedOnceCompressed(NioReactor reactor) throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir.resolve("news"), Clock.systemUTC())
                .addGroup("local.test", PostingStatus.ALLOWED, "Tests", null);
        NntpServerFactory factory = new NntpServerFactory(storage, reactor).setServerName("news.example.com")
                .setTlsOptions(CertificateOptions.builder().certificate(CERTIFICATE).build());
        ListeningPort port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        var trust = ClientTlsOptions.optionsForClientTLS("localhost", TrustRoot.of(CERTIFICATE.certificate()),
                null, List.of());

        NNTPClient tls = connect(reactor, port);
        assertThat(Coroutine.await(tls.capabilities())).contains("STARTTLS", "COMPRESS DEFLATE");
        Coroutine.await(tls.startTLS(trust));
        Coroutine.await(tls.compress());
        assertThat(tls.isCompressed()).isTrue();
        assertThat(Coroutine.await(tls.capabilities())).doesNotContain("STARTTLS", "COMPRESS DEFLATE");
        byte[] big = ("From: c@example.com\r\nNewsgroups: local.test\r\nSubject: big\r\nMessage-ID: <big@c>\r\n\r\n"
                + ".line\r\n".repeat(50_000)).getBytes(ISO_8859_1);
        Coroutine.await(tls.postArticle(big));
        assertThat(new String(Coroutine.await(tls.fetchBody("<big@c>")), ISO_8859_1)).isEqualTo(".line\r\n".repeat(50_000));
        NntpError again = org.junit.jupiter.api.Assertions.assertThrows(NntpError.class,
                () -> Coroutine.await(tls.compress()));
        assertThat(again.code()).isEqualTo(502);
        Coroutine.await(tls.quit());

        NNTPClient plain = connect(reactor, port);
        Coroutine.await(plain.compress());
        NntpError refused = org.junit.jupiter.api.Assertions.assertThrows(NntpError.class,
                () -> Coroutine.await(plain.startTLS(trust)));
        assertThat(refused.code()).isEqualTo(502);
        assertThat(Coroutine.await(plain.fetchGroup("local.test")).count()).isEqualTo(1);
        assertThat(Coroutine.await(plain.over(new ArticleRange(1, 1))).get(0).lines()).isEqualTo(50_000);
        Coroutine.await(plain.quit());
        Coroutine.await(port.stopListening());
    }

    private static NNTPClient connect(NioReactor reactor, ListeningPort port) throws Exception {
        NNTPClient client = new NNTPClient();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(port)),
                client));
        Coroutine.await(client.greeting());
        return client;
    }

    @Test
    void ourClientAgainstOurServerOnLoopback(NioReactor reactor) throws Exception {
        ListeningPort port = listen(reactor, false);
        NNTPClient client = new NNTPClient();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(port)),
                client));
        assertThat(Coroutine.await(client.greeting()).postingAllowed()).isTrue();
        byte[] big = ("From: c@example.com\r\nNewsgroups: local.test\r\nSubject: big\r\nMessage-ID: <big@c>\r\n\r\n"
                + ".line\r\n".repeat(50_000)).getBytes(ISO_8859_1);
        Coroutine.await(client.postArticle(big));
        for (int i = 0; i < 100; i++) {
            client.postArticle(("From: c@example.com\r\nNewsgroups: local.test,local.empty\r\nSubject: n" + i
                    + "\r\n\r\nbody\r\n").getBytes(ISO_8859_1));
        }
        NNTPClient.GroupInfo group = Coroutine.await(client.fetchGroup("local.test"));
        assertThat(group).isEqualTo(new NNTPClient.GroupInfo(101, 1, 101, "local.test"));
        List<OverviewEntry> overview = Coroutine.await(client.over(new ArticleRange(1, 101)));
        assertThat(overview).hasSize(101);
        assertThat(overview.get(100).subject()).isEqualTo("n99");
        assertThat(overview.get(0).lines()).isEqualTo(50_000);
        assertThat(new String(Coroutine.await(client.fetchBody("<big@c>")), ISO_8859_1)).isEqualTo(".line\r\n".repeat(50_000));
        assertThat(Coroutine.await(client.hdr("Xref", new ArticleRange(101, 101))).get(101L))
                .isEqualTo("news.example.com local.test:101 local.empty:100");
        Coroutine.await(client.quit());
        Coroutine.await(port.stopListening());
    }

    private static String script() throws Exception {
        return Path.of(NewsInteropTest.class.getResource("nntplib_session.py").toURI()).toString();
    }

    /** Runs a program to its end (60 s at most) off the reactor thread; returns its exit status and output. */
    static String[] run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Path output = Files.createTempFile("twisted4j-news", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish: " + Files.readString(output, UTF_8));
                }
                return new String[] {Integer.toString(process.exitValue()), Files.readString(output, UTF_8)};
            } finally {
                Files.deleteIfExists(output);
            }
        }));
    }
}
