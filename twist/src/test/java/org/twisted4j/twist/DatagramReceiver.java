package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.peers.Peer;

/**
 * A UNIX datagram socket bound by Python at a path, standing in for syslog or systemd's notification
 * socket: each datagram it receives becomes one line (its own line breaks turned into spaces).
 */
final class DatagramReceiver implements AutoCloseable {
    private static final String SCRIPT = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            print("bound", flush=True)
            while True:
                print(s.recv(65536).decode(errors="replace").replace("\\n", " "), flush=True)
            """;

    private final Process process;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    private DatagramReceiver(Process process) {
        this.process = process;
    }

    /** Binds a receiver at {@code socket} (its script goes next to it) and waits until it is bound. */
    static DatagramReceiver bind(Path socket) throws Exception {
        Path script = socket.resolveSibling(socket.getFileName() + ".py");
        Files.writeString(script, SCRIPT);
        Process process = new ProcessBuilder(Peer.PYTHON.require().toString(), script.toString(), socket.toString())
                .redirectErrorStream(true).start();
        DatagramReceiver receiver = new DatagramReceiver(process);
        Thread.ofVirtual().start(receiver::pump);
        String first = receiver.next();
        if (!"bound".equals(first)) {
            receiver.close();
            throw new AssertionError("the receiver did not bind " + socket + ": " + first);
        }
        return receiver;
    }

    private void pump() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            lines.lines().forEach(received::add);
        } catch (IOException e) {
            received.add("read failed: " + e);
        }
    }

    /** Waits (boundedly) for the next datagram and returns it, or null if none came. */
    @Nullable String next() throws InterruptedException {
        return received.poll(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits (boundedly) for a datagram containing {@code text}, skipping others, and returns it. */
    String await(String text) throws InterruptedException {
        for (String datagram = next(); datagram != null; datagram = next()) {
            if (datagram.contains(text)) {
                return datagram;
            }
        }
        throw new AssertionError("no datagram with '" + text + "' within " + ChildJvm.WAIT_SECONDS + " s");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
