package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.cgi.CGIDirectory;
import org.twisted4j.web.cgi.FilteredScript;

/**
 * CGI on the real reactor, driven by curl and a raw socket: Perl scripts run through {@link FilteredScript} as
 * {@link StaticFile} processors, and shell scripts in a {@link CGIDirectory}.
 */
@ExtendWith(TrialExtension.class)
class CgiIntegrationTest {

    /** What stream.pl's response has been read up to before it waits on the fifo. */
    private static final String FIRST_LINE = "(?s).*first \\d+\n";

    @TempDir
    Path dir;

    private NioReactor reactor;
    private LoopbackSite server;
    private Path www;
    private Path fifo;
    private String perl;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        perl = Peer.PERL.require().toString();
        this.reactor = reactor;
        www = Files.createDirectory(dir.resolve("www"));
        Path cgiBin = Files.createDirectory(dir.resolve("cgi-bin"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        fifo = dir.resolve("fifo");
        Files.writeString(www.resolve("echo.pl"), """
                binmode STDIN; local $/; my $body = <STDIN>; $body = '' unless defined $body;
                print "Content-Type: text/plain\\r\\n\\r\\n";
                print "length=", length($body), "\\n";
                print "sum=", unpack("%32C*", $body), "\\n";
                for my $k (qw(REQUEST_METHOD CONTENT_LENGTH CONTENT_TYPE PATH_INFO QUERY_STRING SCRIPT_NAME
                              HTTP_X_TEST SERVER_PROTOCOL GATEWAY_INTERFACE REMOTE_ADDR SERVER_PORT)) {
                    print "$k=", (defined $ENV{$k} ? $ENV{$k} : '(unset)'), "\\n";
                }
                print "args=@ARGV\\n";
                """);
        Files.writeString(www.resolve("status.pl"), "print \"Status: 404 Not Here\\nContent-Type: text/plain\\n\\ngone\\n\";\n");
        Files.writeString(www.resolve("moved.pl"), "print \"Location: /elsewhere\\n\\n\";\n");
        Files.writeString(www.resolve("nph-raw.pl"),
                "$| = 1; print \"HTTP/1.1 418 I'm a teapot\\r\\nContent-Type: text/plain\\r\\n\\r\\nraw body\\n\";\n");
        Files.writeString(www.resolve("dies.pl"), "print STDERR \"oops\\n\"; exit 3;\n");
        Files.writeString(www.resolve("garbage.pl"), "print \"this is not a header\\n\\nGARBAGE BODY\\n\";\n");
        Files.writeString(www.resolve("stream.pl"), """
                $| = 1;
                print "Content-Type: text/plain\\n\\nfirst $$\\n";
                open(my $in, '<', '%s') or die "fifo: $!";
                my $line = <$in>;
                print "second $line";
                """.formatted(fifo));
        Files.createDirectory(www.resolve("app"));
        Files.writeString(www.resolve("app/index.pl"), "print \"Content-Type: text/plain\\n\\nindex of app\\n\";\n");
        Files.writeString(www.resolve("plain.txt"), "not a script\n");
        script(cgiBin.resolve("env.sh"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n"
                + "echo \"PATH_INFO=$PATH_INFO\"\necho \"QUERY_STRING=$QUERY_STRING\"\necho \"SCRIPT_NAME=$SCRIPT_NAME\"\n");
        Files.writeString(cgiBin.resolve("notexec.sh"), "#!/bin/sh\necho hi\n");
        script(outside.resolve("secret.sh"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nSECRET\\n'\n");

        StaticFile files = new StaticFile(www);
        files.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, perl)));
        files.setIndexNames(List.of("index.html", "index.pl"));
        files.putChild("cgi-bin", new CGIDirectory(reactor, cgiBin));
        server = LoopbackSite.listen(reactor, files);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** What curl printed for {@code path}: the response's head and body. */
    private String fetch(String path) throws Exception {
        return server.curl("-i", server.url(path)).stdout();
    }

    private static void script(Path path, String text) throws Exception {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aChunkedUploadReachesThePerlScriptWhole() throws Exception {
        byte[] upload = new byte[300_000];
        new Random(7).nextBytes(upload);
        Path file = Files.write(dir.resolve("upload.bin"), upload);
        long sum = 0;
        for (byte b : upload) {
            sum += b & 0xff;
        }
        Run run = server.curl("-i", "-H", "Transfer-Encoding: chunked", "-H", "X-Test: yes",
                "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file,
                server.url("/echo.pl/extra/path?a=1"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n")
                .contains("\nlength=300000\n").contains("\nsum=" + (sum % (1L << 32)) + "\n")
                .contains("\nREQUEST_METHOD=POST\n").contains("\nCONTENT_LENGTH=300000\n")
                .contains("\nCONTENT_TYPE=application/octet-stream\n").contains("\nPATH_INFO=/extra/path\n")
                .contains("\nQUERY_STRING=a=1\n").contains("\nSCRIPT_NAME=/echo.pl\n").contains("\nHTTP_X_TEST=yes\n")
                .contains("\nSERVER_PROTOCOL=HTTP/1.1\n").contains("\nGATEWAY_INTERFACE=CGI/1.1\n")
                .contains("\nREMOTE_ADDR=127.0.0.1\n").contains("\nSERVER_PORT=" + server.port() + "\n");
    }

    @Test
    void aGetHasNoBodyAndAQueryWithoutEqualsBecomesArguments() throws Exception {
        Run run = server.curl(server.url("/echo.pl?hello+big%20world"));
        assertThat(run.stdout()).contains("length=0\n").contains("CONTENT_LENGTH=(unset)\n")
                .contains("PATH_INFO=(unset)\n").contains("args=hello big world\n");
    }

    @Test
    void aStatusHeaderSetsTheResponseCode() throws Exception {
        assertThat(fetch("/status.pl")).startsWith("HTTP/1.1 404 Not Here\r\n").doesNotContain("\r\nStatus:")
                .endsWith("\r\n\r\ngone\n");
    }

    @Test
    void aLocationWithoutStatusIsA302() throws Exception {
        assertThat(fetch("/moved.pl")).startsWith("HTTP/1.1 302 Found\r\n").contains("\r\nLocation: /elsewhere\r\n");
    }

    @Test
    void aNonParsedHeaderScriptWritesTheWholeResponse() throws Exception {
        Run run = server.curl("-i", server.url("/nph-raw.pl"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("HTTP/1.1 418 I'm a teapot\r\nContent-Type: text/plain\r\n\r\nraw body\n");
    }

    @Test
    void aScriptThatDiesBeforeItsHeadersIsA500() throws Exception {
        assertThat(fetch("/dies.pl")).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
                .contains("CGI Script Error");
        assertThat(fetch("/garbage.pl")).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
                .contains("\r\nContent-Length: ").doesNotContain("GARBAGE");
        // the connection still serves other requests afterwards
        assertThat(fetch("/plain.txt")).endsWith("not a script\n");
    }

    @Test
    void anIndexScriptAndTheOtherFilesAreServedAlongside() throws Exception {
        assertThat(server.curl(server.url("/app/")).stdout()).isEqualTo("index of app\n");
        assertThat(fetch("/plain.txt")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("not a script\n");
    }

    /** Makes the fifo that stream.pl waits on after its first line, and that only the test writes to. */
    private void makeFifo() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(20, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
    }

    /**
     * Asks for stream.pl on {@code socket} and reads its response up to and including the line
     * {@code first PID}, or to the end if that never comes; returns what was read.
     */
    private static String requestStreamThroughFirstLine(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write("GET /stream.pl HTTP/1.0\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(ISO_8859_1).matches(FIRST_LINE)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
        }
        return seen.toString(ISO_8859_1);
    }

    @Test
    void theBodyReachesTheClientAsTheScriptWritesIt() throws Exception {
        makeFifo();
        String[] parts = Coroutine.await(reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                // The script now waits on the fifo, which only this test will write: so the first line can only
                // be here if it was sent while the script still runs.
                String first = requestStreamThroughFirstLine(socket);
                InputStream in = socket.getInputStream();
                try (OutputStream release = Files.newOutputStream(fifo)) {
                    release.write("go\n".getBytes(UTF_8));
                }
                return new String[] {first, new String(in.readAllBytes(), ISO_8859_1)};
            }
        }));
        assertThat(parts[0]).startsWith("HTTP/1.1 200 OK\r\n").matches("(?s).*\r\n\r\nfirst \\d+\n");
        assertThat(parts[1]).isEqualTo("second go\n");
    }

    @Test
    void theScriptIsKilledWhenTheClientGoesAway() throws Exception {
        makeFifo();
        long pid = Coroutine.await(reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                String first = requestStreamThroughFirstLine(socket);
                assertThat(first).as("the first line before the end").matches(FIRST_LINE);
                String text = first.strip();
                return Long.parseLong(text.substring(text.lastIndexOf(' ') + 1));
            } // closing the socket here, with the script still waiting on the fifo
        }));
        ProcessHandle script = ProcessHandle.of(pid).orElse(null);
        if (script != null) {
            Coroutine.await(reactor.deferToThread(() -> script.onExit().get(20, TimeUnit.SECONDS)));
            assertThat(script.isAlive()).isFalse();
        }
    }

    @Test
    void aCgiDirectoryRunsItsScriptsWithPathInfo() throws Exception {
        assertThat(fetch("/cgi-bin/env.sh/more/path?x=1")).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("PATH_INFO=/more/path\n").contains("QUERY_STRING=x=1\n")
                .contains("SCRIPT_NAME=/cgi-bin/env.sh\n");
    }

    @Test
    void aCgiDirectoryRefusesListingMissingAndUnexecutableScripts() throws Exception {
        assertThat(fetch("/cgi-bin/")).startsWith("HTTP/1.1 403 Forbidden\r\n");
        assertThat(fetch("/cgi-bin/missing.sh")).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(fetch("/cgi-bin/notexec.sh")).startsWith("HTTP/1.1 403 Forbidden\r\n");
    }

    @Test
    void traversalOutOfTheCgiDirectoryIsRefused() throws Exception {
        for (String attempt : List.of("/cgi-bin/../../outside/secret.sh", "/cgi-bin/%2e%2e/%2e%2e/outside/secret.sh",
                "/cgi-bin/..%2F..%2Foutside%2Fsecret.sh", "/cgi-bin/.%2e/outside/secret.sh",
                "/cgi-bin/%2E%2E%2f%2E%2E%2foutside/secret.sh")) {
            Run run = server.curl("-i", "--path-as-is", server.url(attempt));
            assertThat(run.stdout()).as(attempt).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("SECRET");
        }
    }


}
