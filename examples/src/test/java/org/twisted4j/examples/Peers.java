package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;

/**
 * Runs programs that are not ours — Python Twisted, Python's socket and ssl modules, OpenBSD netcat, openssl,
 * curl — as child processes against our servers. The waiting happens on a thread of the reactor's pool,
 * never on the reactor's thread, so the server under test keeps serving; the test awaits the Deferred.
 *
 * <p>Each peer is found through {@link Peer}: missing, it skips the test on a developer's machine and fails it
 * under CI.
 */
final class Peers {

    /** How long a child may run before it is killed and the test fails. */
    static final long TIMEOUT_SECONDS = 30;

    /** How a child ended: its exit status and everything it wrote to standard output and error. */
    record Outcome(int exitCode, String output) {
    }

    private Peers() {
    }

    /** Runs one of the scripts in {@code interop/} with Debian's Python and its Twisted. */
    static Deferred<Outcome> pythonTwisted(NioReactor reactor, String script, String... args) {
        Path python = Peer.PYTHON_TWISTED.require();
        return reactor.deferToThread(() -> run(command(List.of(python.toString(), script(script).toString()), args), ""));
    }

    /** Runs one of the scripts in {@code interop/} with Debian's Python, which needs nothing beyond its own library. */
    static Deferred<Outcome> python(NioReactor reactor, String script, String... args) {
        Path python = Peer.PYTHON.require();
        return reactor.deferToThread(() -> run(command(List.of(python.toString(), script(script).toString()), args), ""));
    }

    /** Runs OpenBSD netcat, {@code nc ARGS}, with {@code input} on its standard input. */
    static Deferred<Outcome> netcat(NioReactor reactor, String input, String... args) {
        return tool(reactor, Peer.NETCAT, input, args);
    }

    /** Runs {@code peer}'s program (such as openssl or curl) with {@code args} and {@code input} on its standard input. */
    static Deferred<Outcome> tool(NioReactor reactor, Peer peer, String input, String... args) {
        Path program = peer.require();
        return reactor.deferToThread(() -> run(command(List.of(program.toString()), args), input));
    }

    private static List<String> command(List<String> program, String... args) {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of(args));
        return command;
    }

    static Path script(String name) throws URISyntaxException {
        URL url = Peers.class.getResource("/interop/" + name);
        if (url == null) {
            throw new AssertionError("no test resource interop/" + name);
        }
        return Path.of(url.toURI());
    }

    /**
     * Runs {@code command} with {@code input} on its standard input and waits, at most
     * {@link #TIMEOUT_SECONDS}, for it to end. Blocks: not for the reactor's thread.
     */
    static Outcome run(List<String> command, String input) throws IOException, InterruptedException {
        Path output = Files.createTempFile("twisted4j-peer", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                        + " seconds; its output:\n" + Files.readString(output, UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(output, UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
