package org.twisted4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of the connect-burst run: many short HTTP/1.1 exchanges, each on a new connection
 * ({@code Connection: close}), first one after the other and then all at once, counting the exchanges that
 * stalled for a second or more, which is what a connect costs when the server's listen queue overflows and
 * the kernel drops a SYN (the client sends it again after one second).
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.ConnectBurst NAME PORT PATH SEQUENTIAL SIMULTANEOUS}
 * against {@code 127.0.0.1:PORT}; prints one line per mode:
 * <pre>
 * burst server=NAME mode=sequential connects=10000 total_s=1.234 stalled=0 max_ms=12.3 failed=0
 * </pre>
 * {@code stalled} counts the exchanges (connect, request, whole response) that took 1 s or more,
 * {@code failed} those that did not end in a {@code 200} response.
 *
 * <p>Threading: the sequential mode runs on the main thread; the simultaneous one on a virtual thread per
 * connection, released together.
 */
public final class ConnectBurst {

    /** An exchange that takes this long has waited for a retransmission. */
    static final long STALL_NANOS = 1_000_000_000L;

    private final String name;
    private final InetSocketAddress server;
    private final byte[] request;

    private ConnectBurst(String name, int port, String path) {
        this.name = name;
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs both modes and prints their lines.
     *
     * @param args NAME PORT PATH SEQUENTIAL SIMULTANEOUS
     * @throws InterruptedException if interrupted while waiting for the simultaneous exchanges
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("Usage: ConnectBurst NAME PORT PATH SEQUENTIAL SIMULTANEOUS");
            System.exit(2);
        }
        ConnectBurst burst = new ConnectBurst(args[0], Integer.parseInt(args[1]), args[2]);
        burst.sequential(Integer.parseInt(args[3]));
        burst.simultaneous(Integer.parseInt(args[4]));
    }

    /** The outcome of a mode: how many exchanges stalled or failed, and the slowest. */
    private static final class Tally {
        final AtomicInteger stalled = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong maxNanos = new AtomicLong();

        void add(long nanos, boolean ok) {
            if (nanos >= STALL_NANOS) {
                stalled.incrementAndGet();
            }
            if (!ok) {
                failed.incrementAndGet();
            }
            maxNanos.accumulateAndGet(nanos, Math::max);
        }
    }

    private void sequential(int count) {
        Tally tally = new Tally();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            exchange(tally);
        }
        report("sequential", count, System.nanoTime() - start, tally);
    }

    private void simultaneous(int count) throws InterruptedException {
        Tally tally = new Tally();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    exchange(tally);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        done.await();
        report("simultaneous", count, System.nanoTime() - start, tally);
    }

    /** One connection: connect, send the request, read the response to its end. */
    private void exchange(Tally tally) {
        long start = System.nanoTime();
        boolean ok;
        try (Socket socket = new Socket()) {
            socket.connect(server, 30_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            ok = new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            ok = false;
        }
        tally.add(System.nanoTime() - start, ok);
    }

    private void report(String mode, int count, long nanos, Tally tally) {
        System.out.printf("burst server=%s mode=%s connects=%d total_s=%.3f stalled=%d max_ms=%.1f failed=%d%n",
                name, mode, count, nanos / 1e9, tally.stalled.get(), tally.maxNanos.get() / 1e6, tally.failed.get());
        System.out.flush();
    }
}
