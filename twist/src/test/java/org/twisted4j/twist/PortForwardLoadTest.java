package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twist portforward} as a separate JVM in front of an echo server, under load. */
class PortForwardLoadTest {
    private static final long WAIT = ChildJvm.WAIT_SECONDS;

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private ServerSocket echo;
    private ChildJvm forwarder;
    private int forwarderPort;

    /** A blocking echo server, a virtual thread per connection, then {@code twist portforward} in front of it. */
    @BeforeEach
    void start() throws Exception {
        echo = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!echo.isClosed()) {
                Socket connection = echo.accept();
                threads.submit(() -> {
                    try (connection) {
                        connection.getInputStream().transferTo(connection.getOutputStream());
                    }
                    return null;
                });
            }
            return null;
        });
        forwarder = ChildJvm.start(Twist.class, dir, "portforward", "--port", "tcp:0:interface=127.0.0.1:backlog=1000",
                "--host", "127.0.0.1", "--dest_port", String.valueOf(echo.getLocalPort()));
        forwarderPort = TwistProcessTest.port(forwarder.awaitLine(line -> line.contains("listening on")));
    }

    @AfterEach
    void stop() throws Exception {
        forwarder.terminate();
        forwarder.waitFor();
        echo.close();
        threads.shutdownNow();
    }

    @Test
    void carries64MiBBothWaysIntact() throws Exception {
        long size = 64L << 20;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarderPort)) {
            Future<Long> sent = threads.submit(() -> send(client.getOutputStream(), size));
            long received = checksum(client.getInputStream(), size);
            assertThat(received).isEqualTo(sent.get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void serves500ConcurrentConnections() throws Exception {
        List<Future<byte[]>> replies = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] message = ("connection " + i + " says hello\n").getBytes();
            messages.add(message);
            replies.add(threads.submit(() -> {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarderPort)) {
                    client.getOutputStream().write(message);
                    return client.getInputStream().readNBytes(message.length);
                }
            }));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(replies.get(i).get(WAIT, TimeUnit.SECONDS)).isEqualTo(messages.get(i));
        }
    }

    /** Writes {@code size} pseudo-random bytes and returns their checksum. */
    private static long send(OutputStream out, long size) throws IOException {
        Random random = new Random(7);
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[64 * 1024];
        for (long left = size; left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, left);
            crc.update(chunk, 0, n);
            out.write(chunk, 0, n);
        }
        out.flush();
        return crc.getValue();
    }

    /** Reads exactly {@code size} bytes and returns their checksum. */
    private static long checksum(InputStream in, long size) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            assertThat(n).as("bytes still to come: " + left).isPositive();
            crc.update(chunk, 0, n);
            left -= n;
        }
        return crc.getValue();
    }
}
