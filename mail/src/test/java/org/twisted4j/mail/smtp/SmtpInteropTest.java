package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The SMTP server and client against real peers over loopback TCP: swaks (pipelining, STARTTLS, AUTH PLAIN,
 * LOGIN and CRAM-MD5, a message over the size limit), Python's smtplib (8BITMIME, SMTPUTF8, SIZE refused at MAIL,
 * BDAT, STARTTLS then login), curl over smtp://, Python Twisted's client delivering to our server, and our
 * client delivering to Python Twisted's server.
 */
@ExtendWith(TrialExtension.class)
class SmtpInteropTest {

    private static final PrivateCertificate CERTIFICATE =
            CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();

    @TempDir
    Path dir;

    private record Served(ListeningPort port, RecordingDelivery delivery) {
        int number() {
            return ((IPv4Address) port.getHost()).port();
        }
    }

    private static Served serve(NioReactor reactor, long maxSize) {
        return serve(reactor, maxSize, true);
    }

    private static Served serve(NioReactor reactor, long maxSize, boolean tls) {
        RecordingDelivery delivery = new RecordingDelivery();
        SmtpServerFactory factory = new SmtpServerFactory(reactor, "mx.test");
        factory.setMaxMessageSize(maxSize);
        // The idle timeout has its own tests on a Clock; here a connection our client has just left may not be
        // closed yet when the test ends.
        factory.setTimeout(0);
        if (tls) {
            factory.setTlsOptions(CertificateOptions.builder().certificate(CERTIFICATE).build());
        }
        factory.setPortal(new Portal((avatarId, mind, interfaces) -> Deferred.succeed(
                new LoginResult(MessageDelivery.class, delivery, LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")), new AllowAnonymousAccess()));
        return new Served(reactor.listenTCP(0, factory, 50, "127.0.0.1"), delivery);
    }

    /** What a finished program printed and how it ended. */
    private record Run(int exitCode, String output) {
    }

    private static Run run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), output);
        }));
    }

    private static List<String> swaks(Served served, String... more) {
        List<String> command = new ArrayList<>(List.of(Peer.SWAKS.require().toString(), "--server",
                "127.0.0.1:" + served.number(), "--from", "alice@example.test", "--to", "bob@example.test",
                "--helo", "swaks.test", "--header", "Subject: swaks", "--body", "hello from swaks"));
        command.addAll(List.of(more));
        return command;
    }

    private static Path script(String name) throws Exception {
        return Path.of(Objects.requireNonNull(SmtpInteropTest.class.getResource(name), name).toURI());
    }

    @Test
    void swaksPipelines(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            Run run = run(reactor, swaks(served, "--pipeline"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("250-PIPELINING").contains("250 2.0.0 Message accepted for delivery");
            assertThat(served.delivery().messages).singleElement().asString()
                    .contains("Subject: swaks").contains("hello from swaks");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void swaksStartsTlsAndLogsInWithPlain(NioReactor reactor) throws Exception {
        swaksStartsTlsAndLogsIn("PLAIN", reactor);
    }

    @Test
    void swaksStartsTlsAndLogsInWithLogin(NioReactor reactor) throws Exception {
        swaksStartsTlsAndLogsIn("LOGIN", reactor);
    }

    @Test
    void swaksStartsTlsAndLogsInWithCramMd5(NioReactor reactor) throws Exception {
        swaksStartsTlsAndLogsIn("CRAM-MD5", reactor);
    }

    private void swaksStartsTlsAndLogsIn(String mechanism, NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            Run run = run(reactor, swaks(served, "--tls", "--auth", mechanism, "--auth-user", "alice",
                    "--auth-password", "secret", "--pipeline"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("220 2.0.0 Ready to start TLS").contains("235 2.7.0 Authentication successful");
            assertThat(served.delivery().messages).singleElement().asString().contains("hello from swaks");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void swaksWrongPasswordIs535(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            Run run = run(reactor, swaks(served, "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                    "--auth-password", "wrong"));
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("535 5.7.8 Authentication credentials invalid");
            assertThat(served.delivery().messages).isEmpty();
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void swaksMessageOverTheLimitIs552(NioReactor reactor) throws Exception {
        Served served = serve(reactor, 100);
        try {
            Run run = run(reactor, swaks(served, "--body", "x".repeat(500)));
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("250-SIZE 100").contains("552 5.3.4");
            assertThat(served.delivery().messages).isEmpty();
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void pythonSmtplib(NioReactor reactor) throws Exception {
        Served served = serve(reactor, 2000);
        try {
            Run run = run(reactor, List.of(Peer.PYTHON.require().toString(), script("smtplib_client.py").toString(),
                    Integer.toString(served.number())));
            assertThat(run.output().lines().toList()).as(run.output()).containsExactly(
                    "ehlo 250 8bitmime auth chunking enhancedstatuscodes help pipelining size smtputf8 starttls",
                    "8bitmime sent",
                    "smtputf8 sent",
                    "size 552 5.3.4 Message size exceeds fixed maximum message size",
                    "bdat 250 b'2.0.0 Message accepted for delivery'",
                    "tls-ehlo 8bitmime auth chunking enhancedstatuscodes help pipelining size smtputf8",
                    "login 235",
                    "tls-send sent");
            assertThat(served.delivery().messages).hasSize(4);
            assertThat(served.delivery().messages.get(0)).contains("caf\u00e9 \u2615 8bit body");
            assertThat(served.delivery().messages.get(2)).isEqualTo("Subject: bdat\r\n\r\nchunked\r\n");
            assertThat(served.delivery().recipients).extracting(MailAddress::toString).contains("j\u00f6ran@example.test");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void curlSendsOverSmtp(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        Path message = dir.resolve("message.txt");
        Files.writeString(message, "Subject: curl\r\n\r\n.a line with a dot\r\nbye\r\n");
        try {
            Run run = run(reactor, List.of(Peer.CURL.require().toString(), "--silent", "--show-error", "--max-time",
                    "30", "smtp://127.0.0.1:" + served.number() + "/curl.test", "--mail-from", "alice@example.test",
                    "--mail-rcpt", "bob@example.test", "--upload-file", message.toString()));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(served.delivery().messages).containsExactly("Subject: curl\r\n\r\n.a line with a dot\r\nbye\r\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void pythonTwistedClientDeliversToOurServer(NioReactor reactor) throws Exception {
        // Twisted's sendmail starts TLS whenever offered, checking the certificate against the system's roots,
        // which a throwaway certificate is not in: this server offers no STARTTLS.
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE, false);
        try {
            Run run = run(reactor, List.of(Peer.PYTHON_TWISTED.require().toString(),
                    script("twisted_smtp_client.py").toString(), Integer.toString(served.number())));
            assertThat(run.output().strip()).as(run.output())
                    .isEqualTo("sent 2 bob@example.test:250 carol@example.test:250");
            assertThat(served.delivery().messages).hasSize(2).allSatisfy(m -> assertThat(m)
                    .isEqualTo("Subject: from Twisted\r\n\r\nhello from twisted.mail\r\n.leading dot\r\n"));
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void ourClientDeliversToPythonTwistedServer(NioReactor reactor) throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        ExternalServer python = ExternalServer.startAnnouncing(reactor, "Python Twisted SMTP server",
                List.of(Peer.PYTHON_TWISTED.require().toString(), script("twisted_smtp_server.py").toString(),
                        inbox.toString()), Pattern.compile("listening on (\\d+)"));
        try {
            SmtpSender.Result result = Coroutine.await(SmtpSender.sendmail(
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + python.port()),
                    SmtpSender.Settings.of("twisted4j.test"), MailAddress.parseMailbox("alice@example.test", false),
                    List.of(MailAddress.parseMailbox("bob@example.test", false),
                            MailAddress.parseMailbox("nobody@example.test", false)),
                    "Subject: from twisted4j\n\n.dot line\nbye\n".getBytes(UTF_8)));
            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.recipients()).extracting(SmtpSender.RecipientResult::code).containsExactly(250, 550);
            try (var files = Files.list(inbox)) {
                assertThat(files.toList()).singleElement().satisfies(file -> assertThat(Files.readString(file))
                        .isEqualTo("Subject: from twisted4j\n\n.dot line\nbye\n"));
            }
        } finally {
            python.stop(reactor);
        }
    }

    @Test
    void ourClientStartsTlsAndLogsInToOurServer(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            ClientTlsOptions trusting = ClientTlsOptions.optionsForClientTLS("localhost",
                    TrustRoot.of(CERTIFICATE.certificate()), null, List.of());
            SmtpSender.Result result = Coroutine.await(SmtpSender.sendmail(
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + served.number()),
                    new SmtpSender.Settings("twisted4j.test", trusting, true, "alice", "secret", false),
                    MailAddress.parseMailbox("alice@example.test", false),
                    List.of(MailAddress.parseMailbox("bob@example.test", false)), "Subject: x\n\nhi\n".getBytes(UTF_8)));
            assertThat(result.accepted()).isEqualTo(1);
            assertThat(served.delivery().messages).containsExactly("Subject: x\r\n\r\nhi\r\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    private static Run runWithInput(NioReactor reactor, List<String> command, String input) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), output);
        }));
    }

    @Test
    void msmtpSubmitsOverStartTlsWithLogin(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            Run run = runWithInput(reactor, List.of(Peer.MSMTP.require().toString(), "--host=127.0.0.1",
                    "--port=" + served.number(), "--tls=on", "--tls-starttls=on", "--tls-certcheck=off", "--auth=on",
                    "--user=alice", "--passwordeval=echo secret", "--from=alice@example.test", "--domain=msmtp.test",
                    "bob@example.test", "carol@example.test"),
                    "Subject: from msmtp\n\n.a line with a dot\nend\n");
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(served.delivery().senders).containsExactly(MailAddress.parseMailbox("alice@example.test", false));
            assertThat(served.delivery().recipients).extracting(MailAddress::toString)
                    .containsExactly("bob@example.test", "carol@example.test");
            assertThat(served.delivery().messages).hasSize(2).allSatisfy(m -> assertThat(m)
                    .contains("Subject: from msmtp\r\n\r\n.a line with a dot\r\nend\r\n"));
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void mailmailSubmitsWithRecipientsFromTheHeadersAndSendmailExitCodes(NioReactor reactor) throws Exception {
        Served served = serve(reactor, SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE);
        try {
            String server = "127.0.0.1:" + served.number();
            String message = "From: Cron <cron@example.test>\nTo: bob@example.test\nBcc: hidden@example.test\n"
                    + "Subject: nightly\n\nall good\n.\nnot read: a lone dot ends the message\n";
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int status = Coroutine.await(reactor.deferToThread(() -> org.twisted4j.mail.MailMail.run(
                    new String[] {"--server", server, "-t"}, new java.io.ByteArrayInputStream(message.getBytes(UTF_8)),
                    new java.io.PrintStream(err, true, UTF_8))));
            assertThat(status).as(err.toString(UTF_8)).isZero();
            assertThat(served.delivery().senders).containsExactly(MailAddress.parseMailbox("cron@example.test", false));
            assertThat(served.delivery().recipients).extracting(MailAddress::toString)
                    .containsExactly("bob@example.test", "hidden@example.test");
            assertThat(served.delivery().messages.get(0)).contains("Subject: nightly", "Date: ", "all good")
                    .doesNotContain("Bcc", "not read");

            int refused = Coroutine.await(reactor.deferToThread(() -> org.twisted4j.mail.MailMail.run(
                    new String[] {"--server", server, "-oi", "-f", "a@example.test", "nobody@example.test"},
                    new java.io.ByteArrayInputStream("Subject: x\n\n.\n".getBytes(UTF_8)),
                    new java.io.PrintStream(err, true, UTF_8))));
            assertThat(refused).isEqualTo(67);
            int usage = Coroutine.await(reactor.deferToThread(() -> org.twisted4j.mail.MailMail.run(
                    new String[] {"-bs"}, new java.io.ByteArrayInputStream(new byte[0]),
                    new java.io.PrintStream(err, true, UTF_8))));
            assertThat(usage).isEqualTo(64);
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }
}
