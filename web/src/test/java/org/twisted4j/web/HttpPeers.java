package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;

/**
 * HTTP clients that are not ours, for the integration tests: curl, and a raw socket. Each runs off the
 * reactor thread and is awaited from the test's coroutine, so the reactor serves while it waits.
 */
public final class HttpPeers {
    private HttpPeers() {
    }

    /** What a curl run printed, and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs curl with {@code arguments} (silent, errors shown, 20 s at most, no proxy from the environment). */
    public static Run curl(NioReactor reactor, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("-sS", "--max-time", "20"));
        command.addAll(List.of(arguments));
        return run(reactor, Peer.CURL, command.toArray(String[]::new));
    }

    /**
     * Runs {@code tool} with {@code arguments}, without the proxies of the environment, off the reactor thread;
     * gives it 30 seconds. A missing tool skips the test, or fails it under CI ({@link Peer#require()}).
     */
    public static Run run(NioReactor reactor, Peer tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool.require().toString()));
        command.addAll(List.of(arguments));
        return Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
            Path err = Files.createTempFile(tool.name(), ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), ISO_8859_1);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, out, tool + " did not finish in 30 seconds");
            }
            String stderr = Files.readString(err, UTF_8);
            Files.delete(err);
            return new Run(process.exitValue(), out, stderr);
        }));
    }

    /** Sends {@code request} on a fresh socket to 127.0.0.1:{@code port} and reads until the server closes. */
    public static String raw(NioReactor reactor, int port, String request) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(ISO_8859_1));
                out.flush();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                socket.getInputStream().transferTo(received);
                return received.toString(ISO_8859_1);
            }
        }));
    }
}
