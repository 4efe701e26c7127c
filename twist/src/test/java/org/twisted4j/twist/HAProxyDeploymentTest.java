package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * The deployment the README describes: HAProxy in front of two {@code twist web} processes listening on
 * {@code haproxy:tcp:...}, with {@code send-proxy-v2} and HTTP health checks, over HTTP/1.1 and HTTP/2 (h2c to
 * the backends too). HAProxy connects to the backends from 127.0.0.3 and the clients from 127.0.0.2, so the
 * access logs show which address the backends took.
 */
class HAProxyDeploymentTest {
    private static final Peer HAPROXY = Peer.command("haproxy", "haproxy");
    private static final String CLIENT_ADDRESS = "127.0.0.2";
    private static final String PROXY_SOURCE = "127.0.0.3";
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(ChildJvm.WAIT_SECONDS);
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private Path site;
    private final Map<String, ChildJvm> backends = new HashMap<>();
    private final Map<String, Integer> backendPorts = new HashMap<>();
    private Process haproxy;
    private int front;
    private int frontH2;

    @BeforeEach
    void deploy() throws Exception {
        Path haproxyBinary = HAPROXY.require();
        site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<p>behind haproxy</p>\n");
        Files.writeString(site.resolve("health"), "ok\n");
        startBackend("a", 0);
        startBackend("b", 0);
        for (String name : List.of("a", "b")) {
            backendPorts.put(name, TwistProcessTest.port(backends.get(name).awaitLine(l -> l.contains("web listening on"))));
        }
        front = freePort();
        frontH2 = freePort();
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), config());
        haproxy = new ProcessBuilder(haproxyBinary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.out").toFile()).start();
        awaitCondition("both backends up", () -> status("h1", "a").equals("UP") && status("h1", "b").equals("UP")
                && status("h2", "a").equals("UP") && status("h2", "b").equals("UP"));
    }

    /** The configuration the README shows, on this test's ports, plus a stats socket for the test. */
    private String config() {
        String servers = "  server a 127.0.0.1:" + backendPorts.get("a") + "\n"
                + "  server b 127.0.0.1:" + backendPorts.get("b") + "\n";
        return """
                global
                  stats socket %s level admin
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                  timeout check 2s
                  retries 3
                  option redispatch 1
                  retry-on conn-failure empty-response response-timeout
                frontend web
                  bind 127.0.0.1:%d
                  default_backend h1
                frontend web-h2
                  bind 127.0.0.1:%d
                  default_backend h2
                backend h1
                  balance roundrobin
                  option httpchk GET /health
                  default-server send-proxy-v2 check inter 200ms fall 2 rise 1 source %s
                %sbackend h2
                  balance roundrobin
                  option httpchk GET /health
                  default-server proto h2 send-proxy-v2 check inter 200ms fall 2 rise 1 source %s
                %s""".formatted(dir.resolve("admin.sock"), front, frontH2, PROXY_SOURCE, servers, PROXY_SOURCE, servers);
    }

    private void startBackend(String name, int port) throws IOException {
        backends.put(name, ChildJvm.start(Twist.class, dir, "web", "--path", site.toString(),
                "--listen", "haproxy:tcp:" + port + ":interface=127.0.0.1", "--add-header", "X-Backend: " + name,
                "--logfile", dir.resolve("access-" + name + (port == 0 ? "" : "-again") + ".log").toString()));
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (ChildJvm backend : backends.values()) {
            backend.terminate();
            backend.waitFor();
        }
    }

    @Test
    void http1AndHttp2ReachBothBackendsWhichLogTheClientsAddress() throws Exception {
        for (int port : List.of(front, frontH2)) {
            for (String version : List.of("--http1.1", "--http2-prior-knowledge")) {
                for (int i = 0; i < 2; i++) {
                    String answer = curl("--interface", CLIENT_ADDRESS, version, "-w", "%{http_version}",
                            "http://127.0.0.1:" + port + "/index.html");
                    assertThat(answer).isIn("<p>behind haproxy</p>\n1.1", "<p>behind haproxy</p>\n2");
                }
            }
            ToolRun load = ToolRun.of(Peer.H2LOAD, "-n", "200", "-c", "2", "-m", "10", "http://127.0.0.1:" + port + "/index.html");
            assertThat(load.output()).as(load.output()).contains("200 succeeded, 0 failed, 0 errored");
        }
        for (String name : List.of("a", "b")) {
            ChildJvm backend = backends.remove(name);
            backend.terminate();
            assertThat(backend.waitFor()).isZero();
        }
        for (String name : List.of("a", "b")) {
            List<String> lines = Files.readAllLines(dir.resolve("access-" + name + ".log"));
            // curl connects from 127.0.0.2, h2load from 127.0.0.1, HAProxy from 127.0.0.3: only its checks show that.
            assertThat(lines.stream().filter(line -> line.contains("\"curl/"))).as("curl's requests to " + name)
                    .hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> assertThat(line).startsWith(CLIENT_ADDRESS + " "));
            assertThat(lines.stream().filter(line -> line.contains("\"h2load "))).as("h2load's requests to " + name)
                    .hasSizeGreaterThan(50).allSatisfy(line -> assertThat(line).startsWith("127.0.0.1 "));
            assertThat(lines.stream().filter(line -> line.startsWith(PROXY_SOURCE + " ")))
                    .as("what " + name + " logged from HAProxy's own address").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("\"GET /health HTTP/"));
        }
    }

    @Test
    void aBackendKilledUnderLoadFailsNoRequestBeyondThoseInFlightOnIt() throws Exception {
        Load load = new Load(front);
        load.start();
        try {
            awaitCondition("both backends answering", () -> load.servedBy("a") > 50 && load.servedBy("b") > 50);
            long killedAt = System.nanoTime();
            backends.get("b").kill();
            awaitCondition("b down in haproxy", () -> status("h1", "b").startsWith("DOWN"));
            long sawDown = System.nanoTime();
            int servedByABeforeRestart = load.servedBy("a");
            backends.remove("b").waitFor();
            startBackend("b", backendPorts.get("b"));
            backends.get("b").awaitLine(l -> l.contains("web listening on"));
            int servedByB = load.servedBy("b");
            awaitCondition("b serving again", () -> load.servedBy("b") > servedByB + 50);
            awaitCondition("more load on a", () -> load.servedBy("a") > servedByABeforeRestart + 50);
            load.stop();

            int inFlight = load.inFlightAt(killedAt);
            List<Load.Result> failures = load.failures();
            System.out.printf("haproxy failover: %d requests by %d clients, %d failed %s, %d in flight when b was"
                    + " killed, b marked down %d ms after the kill%n", load.results.size(), CLIENTS, failures.size(),
                    failures.stream().map(Load.Result::error).toList(), inFlight,
                    TimeUnit.NANOSECONDS.toMillis(sawDown - killedAt));
            assertThat(failures).as("failures: %s", failures).hasSizeLessThanOrEqualTo(inFlight)
                    .allSatisfy(failure -> assertThat(failure.started()).isLessThan(killedAt));
        } finally {
            load.stop();
        }
    }

    /**
     * Clients that each send one request after another, a connection each, from {@link #CLIENT_ADDRESS}, until
     * stopped, recording every outcome.
     */
    private static final class Load {
        record Result(long started, long ended, String servedBy, String error) {
        }

        private static final Pattern BACKEND = Pattern.compile("\r\nX-Backend: (\\w+)\r\n", Pattern.CASE_INSENSITIVE);

        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Result> results = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> served = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();

        Load(int port) {
            this.port = port;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                threads.add(Thread.ofVirtual().start(this::run));
            }
        }

        private void run() {
            byte[] request = "GET /index.html HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n"
                    .getBytes(US_ASCII);
            while (running.get()) {
                long begin = System.nanoTime();
                String backend = "";
                String error = null;
                try (Socket socket = new Socket()) {
                    socket.setSoTimeout(20_000);
                    socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    socket.getOutputStream().write(request);
                    String response = new String(socket.getInputStream().readAllBytes(), US_ASCII);
                    Matcher served = BACKEND.matcher(response);
                    backend = served.find() ? served.group(1) : "";
                    if (!response.startsWith("HTTP/1.1 200 ") || !response.endsWith("<p>behind haproxy</p>\n")) {
                        error = response.isEmpty() ? "no response" : response.lines().findFirst().orElse("");
                    }
                } catch (IOException e) {
                    error = e.toString();
                }
                results.add(new Result(begin, System.nanoTime(), backend, error));
                if (error == null) {
                    served.merge(backend, 1, Integer::sum);
                }
            }
        }

        int servedBy(String backend) {
            return served.getOrDefault(backend, 0);
        }

        /** Requests started before {@code instant} and not finished by then; once the load has stopped. */
        int inFlightAt(long instant) {
            return (int) results.stream().filter(r -> r.started() < instant && r.ended() > instant).count();
        }

        List<Result> failures() {
            return results.stream().filter(r -> r.error() != null).toList();
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(ChildJvm.WAIT_SECONDS));
            }
        }
    }

    /** A server's status in HAProxy's statistics ({@code UP}, {@code DOWN}...), asked on the stats socket. */
    private String status(String backend, String server) {
        String stats;
        try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.connect(UnixDomainSocketAddress.of(dir.resolve("admin.sock")));
            socket.write(ByteBuffer.wrap("show stat\n".getBytes(US_ASCII)));
            stats = new String(readAll(socket), US_ASCII);
        } catch (IOException notYetListening) {
            return "";
        }
        String[] lines = stats.split("\n");
        List<String> columns = List.of(lines[0].replaceFirst("^# ", "").split(","));
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > 17 && fields[0].equals(backend) && fields[1].equals(server)) {
                return fields[columns.indexOf("status")];
            }
        }
        return "";
    }

    private static byte[] readAll(SocketChannel socket) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        while (socket.read(buffer) >= 0 && buffer.hasRemaining()) {
            // until HAProxy closes after its answer
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Waits, boundedly, for a condition that a process outside this JVM will make true. */
    private void awaitCondition(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !haproxy.isAlive()) {
                throw new AssertionError("not " + what + " within " + ChildJvm.WAIT_SECONDS + " s; haproxy said:\n"
                        + Files.readString(dir.resolve("haproxy.out")));
            }
            Thread.sleep(10); // a poll of another process's state, not a wait for time to pass
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String curl(String... args) throws Exception {
        ToolRun run = ToolRun.of(Peer.CURL, ToolRun.curlArguments(args));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }
}
