package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;

/**
 * A real forward proxy for tests: Debian's tinyproxy, run in the foreground on a loopback port with a
 * generated configuration (its log in the test's directory), allowing CONNECT to port 443 and the ports given.
 */
final class Tinyproxy {

    private final ExternalServer server;
    private final Path log;

    private Tinyproxy(ExternalServer server, Path log) {
        this.server = server;
        this.log = log;
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
        int port = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
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
        try {
            return new Tinyproxy(ExternalServer.start(reactor, "tinyproxy",
                    List.of(Peer.TINYPROXY.require().toString(), "-d", "-c", config.toString()), port), log);
        } catch (AssertionError notStarted) {
            throw new AssertionError(notStarted.getMessage() + "\nits log:\n" + log(log), notStarted);
        }
    }

    int port() {
        return server.port();
    }

    /** Returns its log so far. */
    String log() throws IOException {
        return log(log);
    }

    private static String log(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Stops it and waits until it has. */
    void stop(NioReactor reactor) throws Exception {
        server.stop(reactor);
    }
}
