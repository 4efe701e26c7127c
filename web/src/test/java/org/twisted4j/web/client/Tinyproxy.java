package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;

/**
 * A real forward proxy for tests: Debian's tinyproxy, run in the foreground on a loopback port with a
 * generated configuration (its log in the test's directory), allowing CONNECT to port 443 and the ports given.
 */
final class Tinyproxy {

    static final Path BINARY = Path.of("/usr/bin/tinyproxy");
    static final String MISSING = "tinyproxy is not installed: install the Debian package tinyproxy to run this test";

    private final Process process;
    private final int port;
    private final Path log;

    private Tinyproxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Returns whether tinyproxy can be run here. */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts tinyproxy and waits until it accepts connections (call from a coroutine on the reactor).
     *
     * @param dir where its configuration and log go
     * @param connectPorts the ports CONNECT may reach, besides 443
     * @param basicAuth {@code "user password"} that it requires, or null for none
     */
    static Tinyproxy start(NioReactor reactor, Path dir, List<Integer> connectPorts, @Nullable String basicAuth)
            throws Exception {
        int port = Coroutine.await(reactor.deferToThread(Tinyproxy::freePort));
        Path log = dir.resolve("tinyproxy.log");
        List<String> lines = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1", "Timeout 60",
                "LogFile \"" + log + "\"", "LogLevel Info", "MaxClients 20", "Allow 127.0.0.1", "ConnectPort 443"));
        for (int allowed : connectPorts) {
            lines.add("ConnectPort " + allowed);
        }
        if (basicAuth != null) {
            lines.add("BasicAuth " + basicAuth);
        }
        Path config = dir.resolve("tinyproxy.conf");
        Files.write(config, lines, UTF_8);
        Process process = new ProcessBuilder(BINARY.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        Tinyproxy proxy = new Tinyproxy(process, port, log);
        boolean up = Coroutine.await(reactor.deferToThread(() -> waitForPort(port, process)));
        if (!up) {
            proxy.stop(reactor);
            throw new IllegalStateException("tinyproxy did not start:\n" + proxy.log());
        }
        return proxy;
    }

    int port() {
        return port;
    }

    /** Returns its log so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Stops it and waits until it has. */
    void stop(NioReactor reactor) throws Exception {
        process.destroy();
        Coroutine.await(reactor.deferToThread(() -> process.waitFor(30, TimeUnit.SECONDS)));
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
}
