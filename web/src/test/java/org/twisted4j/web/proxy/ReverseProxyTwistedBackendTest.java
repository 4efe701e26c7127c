package org.twisted4j.web.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;

/** The proxy in front of Python Twisted's own web server ({@code twist web --path}), fetched with curl. */
@ExtendWith(TrialExtension.class)
class ReverseProxyTwistedBackendTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern STARTED = Pattern.compile("Site starting on (\\d+)");

    @Test
    void servesPythonTwistedsFilesThroughTheProxy(NioReactor reactor, @TempDir Path dir) throws Exception {
        assumeTrue(Coroutine.await(reactor.deferToThread(ReverseProxyTwistedBackendTest::twistedInstalled)),
                "Python Twisted is not installed (" + PYTHON + " -c 'import twisted' failed): install the Debian "
                        + "package python3-twisted to run this test");
        Files.writeString(dir.resolve("hello.txt"), "hello from Twisted\n");
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + (i >> 11));
        }
        Files.write(dir.resolve("data.bin"), data);

        Process twisted = new ProcessBuilder(PYTHON, "-m", "twisted", "web", "--path", dir.toString(), "--listen",
                "tcp:0:interface=127.0.0.1").redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Deferred<String> log = reactor.deferToThread(() -> drain(twisted, port));
        LoopbackSite listening = null;
        try {
            int backendPort = Coroutine.await(reactor.deferToThread(() -> port.get(30, TimeUnit.SECONDS)));
            Resource root = new Resource();
            root.putChild("tw", new ReverseProxyResource("127.0.0.1", backendPort, ""));
            listening = LoopbackSite.listen(reactor, root);
            String base = listening.url("/tw/");

            Run hello = HttpPeers.curl(reactor, "-i", base + "hello.txt");
            assertThat(hello.exitCode()).as(hello.stderr()).isZero();
            assertThat(hello.stdout()).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("\r\nServer: TwistedWeb/")
                    .contains("\r\nContent-Length: 19\r\n").endsWith("\r\n\r\nhello from Twisted\n");

            Run big = HttpPeers.curl(reactor, base + "data.bin");
            assertThat(big.exitCode()).as(big.stderr()).isZero();
            assertThat(big.stdout()).isEqualTo(new String(data, ISO_8859_1));

            Run listing = HttpPeers.curl(reactor, base);
            assertThat(listing.exitCode()).as(listing.stderr()).isZero();
            assertThat(listing.stdout()).contains("hello.txt").contains("data.bin");

            Run missing = HttpPeers.curl(reactor, "-o", "/dev/null", "-w", "%{http_code}", base + "nothing");
            assertThat(missing.stdout()).isEqualTo("404");
        } finally {
            if (listening != null) {
                listening.stop();
            }
            twisted.destroy();
            Coroutine.await(log);
        }
    }

    private static boolean twistedInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import twisted").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    /** Reads the server's log to its end, telling {@code port} the port it listens on once it says. */
    private static String drain(Process process, CompletableFuture<Integer> port) throws Exception {
        StringBuilder all = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                all.append(line).append('\n');
                Matcher started = STARTED.matcher(line);
                if (!port.isDone() && started.find()) {
                    port.complete(Integer.parseInt(started.group(1)));
                }
            }
        } catch (IOException closed) {
            // Process.destroy() closes the pipe under the reader: the end of the log.
        }
        port.completeExceptionally(new IllegalStateException("twist web ended without listening:\n" + all));
        process.waitFor(30, TimeUnit.SECONDS);
        return all.toString();
    }
}
