package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.trial.TrialExtension;

/**
 * Runs the examples as {@code bin/run-example} does, in a JVM of their own, so that what only a whole
 * program does — logging to standard output, exit statuses, stopping on SIGTERM — is tested too.
 */
@ExtendWith(TrialExtension.class)
class RunExampleTest {

    private static final Pattern LISTENING =
            Pattern.compile("\\[echo-server#info\\] echo-server listening on tcp:127\\.0\\.0\\.1:(\\d+)");

    private static List<String> runExample(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                RunExample.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** A running example, the first line it wrote, and the rest of its output to read. */
    private record Started(Process process, String firstLine, BufferedReader output) {
    }

    @Test
    void echoServerLogsWhereItListensServesAndStopsOnSigterm(NioReactor reactor) throws Exception {
        Started server = Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(runExample("echo-server", "tcp:0:interface=127.0.0.1"))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            return new Started(process, String.valueOf(out.readLine()), out);
        }));
        try {
            Matcher listening = LISTENING.matcher(server.firstLine());
            assertThat(listening.find()).as(server.firstLine()).isTrue();

            String where = "tcp:host=127.0.0.1:port=" + listening.group(1);
            assertThat(Coroutine.await(EchoClient.echo(reactor, where, "are you there?"))).isEqualTo("are you there?");

            server.process().toHandle().destroy();   // SIGTERM; Process.destroy() would also close its output
            String rest = Coroutine.await(reactor.deferToThread(() -> {
                String output = server.output().lines().collect(Collectors.joining("\n"));
                assertThat(server.process().waitFor(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
                return output;
            }));
            assertThat(rest).endsWith("[org.twisted4j.internet#info] received SIGTERM, shutting down")
                    .doesNotContain("\n");
            assertThat(server.process().exitValue()).isZero();
        } finally {
            server.process().destroyForcibly();
        }
    }

    @Test
    void echoClientPrintsTheEchoAndExits(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        List<String> command = runExample("echo-client",
                "tcp:host=127.0.0.1:port=" + EchoServerTest.portNumber(port), "hello,", "again");

        Peers.Outcome client = Coroutine.await(reactor.deferToThread(() -> Peers.run(command, "")));

        assertThat(client.output()).isEqualTo("hello, again\n");
        assertThat(client.exitCode()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void ampClientPrintsItsMathAsTwistedsDoesAndExits(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(AmpServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        List<String> command = runExample("amp-client", "tcp:host=127.0.0.1:port=" + EchoServerTest.portNumber(port));

        Peers.Outcome client = Coroutine.await(reactor.deferToThread(() -> Peers.run(command, "")));

        assertThat(client.output()).isEqualTo("Divided by zero: returning INF\nDone with math: [94, Infinity]\n");
        assertThat(client.exitCode()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void starttlsClientTrustingTheServersPemPrintsTheEchoAndExits(NioReactor reactor, @TempDir Path dir)
            throws Exception {
        PrivateCertificate certificate = StartTlsServer.selfSigned();
        Path pem = Files.writeString(dir.resolve("server.pem"), certificate.certificatesPem());
        ListeningPort port = Coroutine.await(StartTlsServer.start(reactor, "tcp:0:interface=127.0.0.1", certificate));
        List<String> command = runExample("starttls-client", "tcp:host=127.0.0.1:port=" + EchoServerTest.portNumber(port),
                pem.toString(), "localhost", "secret", "words");

        Peers.Outcome client = Coroutine.await(reactor.deferToThread(() -> Peers.run(command, "")));

        assertThat(client.output()).endsWith("\nsecret words\n").contains("TLS started: TLSv1.3");
        assertThat(client.exitCode()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void serverThatCannotListenSaysWhyAndExitsWithStatusOne(NioReactor reactor) throws Exception {
        ListeningPort taken = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        List<String> command = runExample("chat-server",
                "tcp:" + EchoServerTest.portNumber(taken) + ":interface=127.0.0.1");

        Peers.Outcome server = Coroutine.await(reactor.deferToThread(() -> Peers.run(command, "")));

        assertThat(server.output()).matches("\\S+ \\[chat-server#error\\] chat-server failed: cannot listen on "
                + "127\\.0\\.0\\.1:" + EchoServerTest.portNumber(taken) + ": .*\n");
        assertThat(server.exitCode()).isEqualTo(1);
        Coroutine.await(taken.stopListening());
    }

    @Test
    void unknownNameListsTheExamples(NioReactor reactor) throws Exception {
        Peers.Outcome listing = Coroutine.await(reactor.deferToThread(() -> Peers.run(runExample("echo-sever"), "")));

        assertThat(listing.output()).startsWith("No example named 'echo-sever'.")
                .contains("echo-server", "echo-client", "chat-server", "finger-server", "udp-echo", "deferred-chain",
                        "starttls-server", "starttls-client", "web-hello", "web-counter", "web-extended", "web-auth",
                        "adbapi-guestbook", "irc-bot");
        assertThat(listing.exitCode()).isEqualTo(2);
    }

    @Test
    void clientThatCannotConnectSaysWhyAndExitsWithStatusOne(NioReactor reactor) throws Exception {
        ListeningPort closed = Coroutine.await(EchoServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        int port = EchoServerTest.portNumber(closed);
        Coroutine.await(closed.stopListening());

        Peers.Outcome client = Coroutine.await(reactor.deferToThread(
                () -> Peers.run(runExample("echo-client", "tcp:host=127.0.0.1:port=" + port), "")));

        assertThat(client.output()).matches("\\S+ \\[echo-client#error\\] echo-client failed: connection to .*"
                + port + ".* was refused by the other side\n");
        assertThat(client.exitCode()).isEqualTo(1);
    }

    @Test
    void mistakeOnTheCommandLineIsOneLineAndStatusOne(NioReactor reactor) throws Exception {
        Peers.Outcome server = Coroutine.await(reactor.deferToThread(
                () -> Peers.run(runExample("finger-server", "tcp:0", "ada"), "")));

        assertThat(server.output()).matches(
                "\\S+ \\[finger-server#error\\] finger-server failed: expected USER=STATUS, not 'ada'\n");
        assertThat(server.exitCode()).isEqualTo(1);
    }
}
