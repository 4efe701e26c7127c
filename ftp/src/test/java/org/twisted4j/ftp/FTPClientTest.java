package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.TrialExtension;

/**
 * Our FTPClient: byte level on a StringTransport, against our server, and against vsftpd (plain and explicit
 * FTPS, uploads included).
 */
@ExtendWith(TrialExtension.class)
class FTPClientTest {

    @TempDir
    Path dir;

    /** Collects a download. */
    static final class Sink extends Protocol {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            bytes.writeBytes(copy);
        }
    }

    /** Writes bytes then closes: an upload. */
    static final class Source extends Protocol {
        final byte[] bytes;

        Source(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void connectionMade() {
            transport().write(ByteBuffer.wrap(bytes));
            transport().loseConnection();
        }
    }

    @Test
    void commandsAreSentOneAtATimeAndRepliesParsed() throws Exception {
        FTPClient client = new FTPClient(new org.twisted4j.testing.MemoryReactor());
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        var login = client.login("alice", "secret");
        var pwd = client.pwd();
        assertThat(transport.valueAsString(UTF_8)).isEmpty();
        client.dataReceived(ByteBuffer.wrap("220-hello\r\n220 ready\r\n".getBytes(UTF_8)));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("USER alice\r\n");
        transport.clear();
        client.dataReceived(ByteBuffer.wrap("331 pass\r\n".getBytes(UTF_8)));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("PASS secret\r\n");
        transport.clear();
        transport.clear();
        client.dataReceived(ByteBuffer.wrap("230 ok\r\n".getBytes(UTF_8)));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("PWD\r\n");
        client.dataReceived(ByteBuffer.wrap("257 \"/a \"\"b\"\"\" is cwd\r\n".getBytes(UTF_8)));
        assertThat(login.isCalled()).isTrue();
        assertThat(Coroutine.await(pwd)).isEqualTo("/a \"b\"");
        var refused = client.removeFile("x");
        client.dataReceived(ByteBuffer.wrap("550 no\r\n".getBytes(UTF_8)));
        assertThatThrownBy(() -> Coroutine.await(refused)).isInstanceOf(FtpCommandFailed.class).hasMessageContaining("550");
        assertThat(MlsdEntry.parse("type=file;size=12;modify=20260101000000; a b;c.txt"))
                .satisfies(e -> assertThat(e.name()).isEqualTo("a b;c.txt"))
                .satisfies(e -> assertThat(e.size()).hasValue(12));
    }

    private static FTPClient connect(NioReactor reactor, int port, boolean implicit) throws Exception {
        FTPClient client = new FTPClient(reactor);
        if (implicit) {
            client.setImplicitTls(trust());
        }
        reactor.connectTCP("127.0.0.1", port, ClientFactory.forProtocol(() -> client));
        Coroutine.await(client.greeting());
        return client;
    }

    private static ClientTlsOptions trust() {
        return ClientTlsOptions.optionsForClientTLS("localhost", TrustRoot.of(FtpFixture.CERTIFICATE.certificate()),
                null, List.of());
    }

    /** Every operation, against any server where the session starts in a directory it may write. */
    private static void everyOperation(FTPClient ftp, boolean mlsd) throws Exception {
        byte[] content = new byte[700_000];
        new Random(7).nextBytes(content);
        Coroutine.await(ftp.type(true));
        Coroutine.await(ftp.makeDirectory("work"));
        Coroutine.await(ftp.cwd("work"));
        assertThat(Coroutine.await(ftp.pwd())).endsWith("/work");
        Coroutine.await(ftp.storeFile("data.bin", new Source(content), 0));
        assertThat(Coroutine.await(ftp.size("data.bin"))).isEqualTo(content.length);
        Coroutine.await(ftp.storeFile("data2.bin", new Source(java.util.Arrays.copyOf(content, 1000)), 0));
        Coroutine.await(ftp.storeFile("data2.bin", new Source(java.util.Arrays.copyOfRange(content, 1000,
                content.length)), 1000));
        assertThat(Coroutine.await(ftp.size("data2.bin"))).isEqualTo(content.length);
        assertThat(Coroutine.await(ftp.nlst("."))).extracting(n -> n.replaceAll(".*/", ""))
                .containsExactlyInAnyOrder("data.bin", "data2.bin");
        if (mlsd) {
            assertThat(Coroutine.await(ftp.mlsd("."))).extracting(MlsdEntry::name)
                    .containsExactlyInAnyOrder("data.bin", "data2.bin");
        }
        Sink listing = new Sink();
        Coroutine.await(ftp.list(".", listing));
        assertThat(listing.bytes.toString(UTF_8)).contains("data.bin");
        Sink whole = new Sink();
        Coroutine.await(ftp.retrieveFile("data2.bin", whole, 0));
        assertThat(whole.bytes.toByteArray()).isEqualTo(content);
        Sink tail = new Sink();
        Coroutine.await(ftp.retrieveFile("data.bin", tail, 600_000));
        assertThat(tail.bytes.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(content, 600_000, content.length));
        Coroutine.await(ftp.rename("data.bin", "renamed.bin"));
        Coroutine.await(ftp.removeFile("renamed.bin"));
        Coroutine.await(ftp.removeFile("data2.bin"));
        assertThatThrownBy(() -> Coroutine.await(ftp.removeFile("nothing.bin"))).isInstanceOf(FtpCommandFailed.class);
        Coroutine.await(ftp.cdup());
        Coroutine.await(ftp.removeDirectory("work"));
        Coroutine.await(ftp.quit());
    }

    @Test
    void everyOperationAgainstOurServerPlainExplicitAndImplicitTls(NioReactor reactor) throws Exception {
        FtpFixture plain = new FtpFixture(reactor, dir.resolve("plain"), false);
        FTPClient ftp = connect(reactor, plain.port(), false);
        Coroutine.await(ftp.login("alice", "secret"));
        everyOperation(ftp, true);

        plain.factory.setRequireTls(true);
        // the JDK's TLS 1.3 client resumes a session once: a second data connection is a full handshake
        plain.factory.setRequireTlsSessionReuse(false);
        FTPClient secure = connect(reactor, plain.port(), false);
        Coroutine.await(secure.authTls(trust()));
        Coroutine.await(secure.login("alice", "secret"));
        everyOperation(secure, true);
        plain.stop();

        FtpFixture implicit = new FtpFixture(reactor, dir.resolve("implicit"), true);
        implicit.factory.setRequireTlsSessionReuse(false);
        FTPClient ftps = connect(reactor, implicit.port(), true);
        Coroutine.await(ftps.login("alice", "secret"));
        everyOperation(ftps, true);
        Files.writeString(implicit.pub.resolve("hello.txt"), "hello");
        Path target = dir.resolve("hello.txt");
        long got = Coroutine.await(FTPClient.download(reactor, URI.create("ftps://127.0.0.1:" + implicit.port()
                + "/hello.txt"), target, trust()));
        assertThat(got).isEqualTo(5);
        assertThat(target).hasContent("hello");
        implicit.stop();
    }

    /**
     * Protected uploads arrive whole, every time: the client half-closes the TLS session and waits for the
     * server's close_notify, and the server answers only once it has read everything. (Closing the socket at
     * once, over the server's unread TLS 1.3 session ticket, made the kernel reset the connection and drop
     * the end of the upload: every such upload of a few MiB was cut short.)
     */
    @Test
    void protectedUploadsArriveWholeEveryTime(NioReactor reactor) throws Exception {
        FtpFixture server = new FtpFixture(reactor, dir.resolve("server"), false);
        server.factory.setRequireTls(true);
        server.factory.setRequireTlsSessionReuse(false);
        FTPClient ftp = connect(reactor, server.port(), false);
        Coroutine.await(ftp.authTls(trust()));
        Coroutine.await(ftp.login("alice", "secret"));
        Coroutine.await(ftp.type(true));
        byte[] content = new byte[3 << 20];
        new Random(11).nextBytes(content);
        for (int i = 0; i < 8; i++) {
            byte[] upload = java.util.Arrays.copyOf(content, content.length - i * 4099);
            FtpReply reply = Coroutine.await(ftp.storeFile("up" + i + ".bin", new Source(upload), 0));
            assertThat(reply.code()).isEqualTo(226);
            assertThat(Files.readAllBytes(server.home.resolve("up" + i + ".bin"))).isEqualTo(upload);
        }
        Coroutine.await(ftp.quit());
        server.stop();
    }

    @Test
    void everyOperationAgainstVsftpdPlainAndExplicitTls(NioReactor reactor) throws Exception {
        Path vsftpd = Peer.VSFTPD.require();
        Path root = Files.createDirectories(dir.resolve("root"));
        Path pub = Files.createDirectories(root.resolve("pub"));
        Files.writeString(dir.resolve("cert.pem"), FtpFixture.CERTIFICATE.certificatesPem());
        Files.writeString(dir.resolve("key.pem"), FtpFixture.CERTIFICATE.keyPem());
        int port = ExternalServer.freePort();
        Path config = dir.resolve("vsftpd.conf");
        Files.writeString(config, String.join("\n", List.of("listen=YES", "listen_address=127.0.0.1",
                "listen_port=" + port, "background=NO", "run_as_launching_user=YES", "seccomp_sandbox=NO",
                "isolate=NO", "isolate_network=NO", "anonymous_enable=YES", "local_enable=NO", "anon_root=" + root,
                "no_anon_password=YES", "write_enable=YES", "anon_upload_enable=YES", "anon_mkdir_write_enable=YES",
                "anon_other_write_enable=YES", "anon_world_readable_only=NO", "anon_umask=022", "pasv_enable=YES",
                "xferlog_enable=NO", "ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=NO",
                "force_anon_data_ssl=NO", "require_ssl_reuse=NO", "rsa_cert_file=" + dir.resolve("cert.pem"),
                "rsa_private_key_file=" + dir.resolve("key.pem"), "vsftpd_log_file=" + dir.resolve("vsftpd.log"),
                "")));
        ExternalServer server = ExternalServer.start(reactor, "vsftpd", List.of(vsftpd.toString(), config.toString()),
                port);
        try {
            FTPClient ftp = connect(reactor, port, false);
            Coroutine.await(ftp.login("anonymous", "me@example.com"));
            Coroutine.await(ftp.cwd("pub"));
            everyOperation(ftp, false);

            FTPClient secure = connect(reactor, port, false);
            Coroutine.await(secure.authTls(trust()));
            Coroutine.await(secure.login("anonymous", "me@example.com"));
            Coroutine.await(secure.cwd("pub"));
            everyOperation(secure, false);

            Files.writeString(pub.resolve("hello.txt"), "hello vsftpd");
            Path target = dir.resolve("hello.txt");
            assertThat(Coroutine.await(FTPClient.download(reactor, URI.create("ftp://127.0.0.1:" + port
                    + "/pub/hello.txt"), target, null))).isEqualTo(12);
            assertThat(target).hasContent("hello vsftpd");
            assertThat(Coroutine.await(FTPClient.download(reactor, URI.create("ftpes://127.0.0.1:" + port
                    + "/pub/hello.txt"), target, trust()))).isEqualTo(12);
        } finally {
            server.stop(reactor);
        }
    }
}
