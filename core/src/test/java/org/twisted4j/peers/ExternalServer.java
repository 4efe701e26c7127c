package org.twisted4j.peers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;

/**
 * A server that is not ours (nginx, tinyproxy, Python Twisted's {@code twist web}) run as a child process for an
 * interoperability test, on a loopback port. Its output is read to its end on a thread of its own; starting
 * waits, off the reactor thread, until the server accepts on its port or says which port it took, and
 * {@link #stop} gives back everything it printed.
 *
 * <pre>{@code
 * int port = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
 * ExternalServer nginx = ExternalServer.nginx(reactor, dir,
 *         List.of("server { listen 127.0.0.1:" + port + "; root " + www + "; }"), port);
 * try {
 *     ... requests to port ...
 * } finally {
 *     String said = nginx.stop(reactor);
 * }
 * }</pre>
 *
 * <p>Call its methods from the test's coroutine on the reactor: they await the blocking parts on other threads.
 */
public final class ExternalServer {

    private static final Pattern TWISTED_STARTED = Pattern.compile("Site starting on (\\d+)");

    private final String name;
    private final Process process;
    private final Deferred<String> output;
    private final int port;
    private @Nullable String said;

    private ExternalServer(String name, Process process, Deferred<String> output, int port) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code command} and waits until something accepts on each of {@code ports} on 127.0.0.1.
     *
     * @param name what to call the server in a failure
     * @param ports the ports it was told to listen on; the first is {@link #port()}
     * @throws AssertionError if it ends or does not listen within about 15 seconds (with what it printed)
     */
    public static ExternalServer start(NioReactor reactor, String name, List<String> command, int... ports)
            throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ExternalServer server = new ExternalServer(name, process, reactor.deferToThread(() -> drain(process, null, null)),
                ports[0]);
        boolean up = Coroutine.await(reactor.deferToThread(() -> {
            for (int port : ports) {
                if (!waitForPort(port, process)) {
                    return false;
                }
            }
            return true;
        }));
        if (!up) {
            throw new AssertionError(name + " did not start; it said:\n" + server.stop(reactor));
        }
        return server;
    }

    /**
     * Starts {@code command} and waits until it prints a line that {@code announcement} finds, whose first
     * group is the port it listens on.
     *
     * @param name what to call the server in a failure
     * @throws java.util.concurrent.ExecutionException if it ends without saying so (with what it printed)
     * @throws java.util.concurrent.TimeoutException if it has not said so within 30 seconds
     */
    public static ExternalServer startAnnouncing(NioReactor reactor, String name, List<String> command,
            Pattern announcement) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Deferred<String> output = reactor.deferToThread(() -> drain(process, announcement, port));
        try {
            int number = Coroutine.await(reactor.deferToThread(() -> port.get(30, TimeUnit.SECONDS)));
            return new ExternalServer(name, process, output, number);
        } catch (Exception e) {
            process.destroy();
            Coroutine.await(output);
            throw e;
        }
    }

    /**
     * Runs nginx in the foreground with a configuration made of the usual settings for a test (one worker,
     * errors to its output, temporary files, pid and logs under {@code dir}) and {@code httpLines} inside its
     * {@code http} block, and waits until it accepts on {@code ports}.
     */
    public static ExternalServer nginx(NioReactor reactor, Path dir, List<String> httpLines, int... ports)
            throws Exception {
        List<String> config = new ArrayList<>(List.of("daemon off;", "master_process off;", "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";", "error_log stderr;", "events { worker_connections 64; }",
                "http {", "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";", "  fastcgi_temp_path " + dir.resolve("fcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";", "  scgi_temp_path " + dir.resolve("scgi") + ";"));
        config.addAll(httpLines);
        config.add("}");
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, String.join("\n", config) + "\n");
        return start(reactor, "nginx", List.of(Peer.NGINX.require().toString(), "-e", "stderr", "-p", dir.toString(), "-c",
                file.toString()), ports);
    }

    /** Runs Python Twisted's {@code twist web} serving the files of {@code dir} on a loopback port it chooses. */
    public static ExternalServer twistedWeb(NioReactor reactor, Path dir) throws Exception {
        return startAnnouncing(reactor, "twist web", List.of(Peer.PYTHON_TWISTED.require().toString(), "-m", "twisted", "web", "--path", dir.toString(),
                "--listen", "tcp:0:interface=127.0.0.1"), TWISTED_STARTED);
    }

    /** Returns a port that was free on 127.0.0.1 a moment ago, to tell a server to listen on. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Returns the port it listens on: the first it was told, or the one it announced. */
    public int port() {
        return port;
    }

    /** Stops it, waits until it has ended, and returns everything it printed; once stopped, does nothing more. */
    public String stop(NioReactor reactor) throws Exception {
        String all = said;
        if (all == null) {
            // The signal alone: Process.destroy() also closes the pipe under the thread reading the output, and
            // what the server printed last but was not read yet would be lost.
            process.toHandle().destroy();
            if (!Coroutine.await(reactor.deferToThread(() -> process.waitFor(30, TimeUnit.SECONDS)))) {
                process.destroyForcibly();
            }
            all = Coroutine.await(output);
            said = all;
        }
        return all;
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }

    /** Waits until something accepts on the port, or the process ends. */
    private static boolean waitForPort(int port, Process process) throws InterruptedException {
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

    /**
     * Reads the process's output to its end; with an {@code announcement}, tells {@code port} the port of the
     * first line it finds, or fails {@code port} with the output if there is none.
     */
    private static String drain(Process process, @Nullable Pattern announcement,
            @Nullable CompletableFuture<Integer> port) throws InterruptedException {
        StringBuilder all = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (@Nullable String line; (line = lines.readLine()) != null; ) {
                all.append(line).append('\n');
                if (announcement != null && port != null && !port.isDone()) {
                    Matcher said = announcement.matcher(line);
                    if (said.find()) {
                        port.complete(Integer.parseInt(said.group(1)));
                    }
                }
            }
        } catch (IOException closed) {
            // Process.destroy() closes the pipe under the reader: the end of the output.
        }
        if (port != null) {
            port.completeExceptionally(new IllegalStateException("the server ended without listening:\n" + all));
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return all.toString();
    }
}
