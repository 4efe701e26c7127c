package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

/** The agent against servers that are not ours: Python Twisted's web server and nginx, on loopback. */
@ExtendWith(TrialExtension.class)
class AgentInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Pattern STARTED = Pattern.compile("Site starting on (\\d+)");

    static byte[] data() {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + (i >> 11));
        }
        return data;
    }

    static Response await(Deferred<Response> d) throws Exception {
        return Coroutine.await(d);
    }

    @Test
    void fetchesFromPythonTwistedOverOneKeptConnection(NioReactor reactor, @TempDir Path dir) throws Exception {
        assumeTrue(Coroutine.await(reactor.deferToThread(AgentInteropTest::twistedInstalled)),
                "Python Twisted is not installed (" + PYTHON + " -c 'import twisted' failed): install the Debian "
                        + "package python3-twisted to run this test");
        Files.writeString(dir.resolve("hello.txt"), "hello from Twisted\n");
        byte[] data = data();
        Files.write(dir.resolve("data.bin"), data);
        Process twisted = new ProcessBuilder(PYTHON, "-m", "twisted", "web", "--path", dir.toString(), "--listen",
                "tcp:0:interface=127.0.0.1").redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Deferred<String> log = reactor.deferToThread(() -> drainTwisted(twisted, port));
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            int number = Coroutine.await(reactor.deferToThread(() -> port.get(30, TimeUnit.SECONDS)));
            Agent agent = Agent.builder(reactor).pool(pool).build();
            String base = "http://127.0.0.1:" + number + "/";
            Response hello = await(agent.request("GET", URI.create(base + "hello.txt"), null, null));
            assertThat(hello.code()).isEqualTo(200);
            assertThat(hello.headers().get("Server")).startsWith("TwistedWeb/");
            assertThat(new String(Coroutine.await(hello.readBody()), UTF_8)).isEqualTo("hello from Twisted\n");
            Response big = await(agent.request("GET", URI.create(base + "data.bin"), null, null));
            assertThat(Coroutine.await(big.readBody())).isEqualTo(data);
            Response head = await(agent.request("HEAD", URI.create(base + "data.bin"), null, null));
            assertThat(head.headers().get("Content-Length")).isEqualTo(Integer.toString(data.length));
            assertThat(Coroutine.await(head.readBody())).isEmpty();
            Response missing = await(agent.request("GET", URI.create(base + "nothing"), null, null));
            assertThat(missing.code()).isEqualTo(404);
            Coroutine.await(missing.readBody());
            assertThat(pool.cachedConnectionCount()).as("one connection served them all").isEqualTo(1);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            twisted.destroy();
            Coroutine.await(log);
        }
    }

    @Test
    void fetchesAndUploadsToNginxReusingTheConnectionAsItsAccessLogShows(NioReactor reactor, @TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed: install the Debian package nginx-light to "
                + "run this test");
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] data = data();
        Files.write(www.resolve("data.bin"), data);
        Files.writeString(www.resolve("hello.txt"), "hello from nginx\n");
        int number = Coroutine.await(reactor.deferToThread(AgentInteropTest::freePort));
        Path access = dir.resolve("access.log");
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "master_process off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr;", "events { worker_connections 64; }", "http {",
                "  log_format serial '$connection $connection_requests \"$request\" $status $request_length';",
                "  access_log " + access + " serial;",
                "  client_body_temp_path " + dir.resolve("body") + ";", "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fcgi") + ";", "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";", "  keepalive_requests 100;",
                "  server {", "    listen 127.0.0.1:" + number + ";", "    root " + www + ";",
                "    location /upload { client_max_body_size 10m; return 204; }", "  }", "}", ""));
        Process nginx = new ProcessBuilder(NGINX.toString(), "-e", "stderr", "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true).start();
        Deferred<String> output = reactor.deferToThread(() -> new String(nginx.getInputStream().readAllBytes(), UTF_8));
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            boolean up = Coroutine.await(reactor.deferToThread(() -> waitForPort(number, nginx)));
            assertThat(up).as("nginx did not start").isTrue();
            Agent agent = Agent.builder(reactor).pool(pool).userAgent("twisted4j-test").build();
            String base = "http://127.0.0.1:" + number + "/";
            Response hello = await(agent.request("GET", URI.create(base + "hello.txt"), null, null));
            assertThat(hello.headers().get("Server")).startsWith("nginx");
            assertThat(new String(Coroutine.await(hello.readBody()), UTF_8)).isEqualTo("hello from nginx\n");
            Response big = await(agent.request("GET", URI.create(base + "data.bin"), null, null));
            assertThat(Coroutine.await(big.readBody())).isEqualTo(data);
            Response chunked = await(agent.request("POST", URI.create(base + "upload"), null,
                    new FileBodyProducer(reactor, new java.io.ByteArrayInputStream(data))));
            assertThat(chunked.code()).isEqualTo(204);
            Coroutine.await(chunked.readBody());
            Response sized = await(agent.request("PUT", URI.create(base + "upload"), null,
                    BytesBodyProducer.of("x".repeat(1000).getBytes(ISO_8859_1))));
            assertThat(sized.code()).isEqualTo(204);
            Coroutine.await(sized.readBody());
            Response missing = await(agent.request("GET", URI.create(base + "nothing"), null, null));
            assertThat(missing.code()).isEqualTo(404);
            Coroutine.await(missing.readBody());
            assertThat(pool.cachedConnectionCount()).isEqualTo(1);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            nginx.destroy();
            Coroutine.await(reactor.deferToThread(() -> nginx.waitFor(30, TimeUnit.SECONDS)));
        }
        String log = Coroutine.await(output);
        List<String> lines = Files.readAllLines(access);
        assertThat(lines).as("nginx said:\n" + log).hasSize(5);
        String serial = lines.get(0).split(" ")[0];
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("request %d on connection %s", i + 1, serial)
                    .startsWith(serial + " " + (i + 1) + " ");
        }
        assertThat(lines.get(2)).contains("\"POST /upload HTTP/1.1\" 204");
        assertThat(lines.get(3)).contains("\"PUT /upload HTTP/1.1\" 204");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until something accepts on the port, or the process ends. */
    static boolean waitForPort(int port, Process process) throws InterruptedException {
        for (int i = 0; i < 300 && process.isAlive(); i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return probe.isConnected();
            } catch (IOException notYet) {
                // The poll of a process starting up: there is no event to wait on.
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    private static boolean twistedInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import twisted").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    private static String drainTwisted(Process process, CompletableFuture<Integer> port) throws Exception {
        StringBuilder all = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (@Nullable String line; (line = lines.readLine()) != null; ) {
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
