package org.twisted4j.testing.protocols.amp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;

/**
 * Runs the Python Twisted scripts kept beside these tests ({@code amp_server.py}, {@code amp_client.py}) with
 * Debian's Python, from a test's coroutine: the blocking parts wait on other threads.
 */
final class PythonAmp {
    private PythonAmp() {
    }

    /** What a finished script printed (standard error included) and how it ended. */
    record Run(int exitCode, List<String> lines) {
    }

    static List<String> command(String script, String... arguments) throws URISyntaxException {
        Path python = Peer.PYTHON_TWISTED.require();
        Path file = Path.of(Objects.requireNonNull(PythonAmp.class.getResource(script), script).toURI());
        List<String> command = new ArrayList<>(List.of(python.toString(), file.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs a script to its end (at most a minute) and returns what it printed. */
    static Run run(NioReactor reactor, String script, String... arguments) throws Exception {
        List<String> command = command(script, arguments);
        return Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), output.lines().toList());
        }));
    }

    /** The Python AMP server, running until {@link #close}. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /** Starts {@code amp_server.py} and waits until it says which port it listens on. */
        static Server start(NioReactor reactor) throws Exception {
            List<String> command = command("amp_server.py");
            Process process = Coroutine.await(reactor.deferToThread(() ->
                    new ProcessBuilder(command).redirectErrorStream(true).start()));
            String first = Coroutine.await(reactor.deferToThread(() -> {
                process.getOutputStream().close();
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
                String line = reader.readLine();
                Thread.ofVirtual().start(() -> reader.lines().forEach(rest -> { }));
                return line;
            }));
            if (first == null || !first.startsWith("AMP listening on ")) {
                process.destroyForcibly();
                throw new AssertionError("the Python AMP server did not start: " + first);
            }
            return new Server(process, Integer.parseInt(first.substring("AMP listening on ".length()).strip()));
        }

        int port() {
            return port;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
