package org.twisted4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The message scenarios of {@link EchoLoad}: many connections, each keeping {@code window} fixed-size
 * messages in flight and sending the next one as soon as an echo completes. With a window of 1 this is
 * request/response ("small"): every message costs the server one read and one write, so the rate measures
 * the server's per-event overhead. With a larger window ("pipelined") reads and writes carry several
 * messages at once, as busy clients make them.
 *
 * <p>All connections are driven by one thread over one {@link Selector}, which costs the load generator no
 * more system calls per message than the server spends and no thread switches; the result reports the CPU
 * share of both, so a run where the generator was the limit shows it. Every byte echoed is checked against
 * the {@link StreamPattern} and round trips are timed per message.
 *
 * <p>Threading: {@link #run()} on one thread.
 */
final class MessageLoad {

    private final String name;
    private final LoadOptions options;
    private final int window;
    private final int size;
    private final ByteBuffer check;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private long completed;
    private long outstandingBytes;
    private boolean corrupt;

    /**
     * Prepares a run.
     *
     * @param name the scenario's name in the result
     * @param options the connection count, message size, durations and server
     * @param window messages in flight per connection
     */
    MessageLoad(String name, LoadOptions options, int window) {
        this.name = name;
        this.options = options;
        this.window = window;
        this.size = options.messageSize();
        this.check = new StreamPattern().view();
    }

    /**
     * Connects, runs the load for the warm-up and measured time, waits for the last echoes, disconnects.
     *
     * @return the result line
     * @throws IOException if connecting fails or a connection fails during the run
     */
    ScenarioResult run() throws IOException {
        StreamPattern pattern = new StreamPattern();
        List<Connection> connections = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
            for (int i = 0; i < options.connections(); i++) {
                connections.add(new Connection(EchoLink.open(server, options), selector, pattern.view()));
            }
            MeasurementWindow clock = new MeasurementWindow(options);
            long now = System.nanoTime();
            for (Connection c : connections) {
                c.schedule(window, now);
                c.flush();
            }
            while (true) {
                now = System.nanoTime();
                clock.tick(now, completed);
                if (!clock.sending() && outstandingBytes == 0 || clock.drainExpired(now)) {
                    break;
                }
                selector.select(key -> ((Connection) key.attachment()).ready(key, clock), clock.selectTimeoutMillis(now));
            }
            ScenarioResult result = clock.addTo(new ScenarioResult(name), "msg/s")
                    .put("connections", options.connections()).put("size", size).put("window", window)
                    .put("messages", clock.count())
                    .put("p50_us", latencies.percentileMicros(0.50))
                    .put("p99_us", latencies.percentileMicros(0.99))
                    .put("p999_us", latencies.percentileMicros(0.999));
            if (!connections.isEmpty() && connections.get(0).link.tls() != null) {
                result.put("tls", connections.get(0).link.tls().agreed());
            }
            return result.put("verified", !corrupt && outstandingBytes == 0);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (Connection c : connections) {
                c.link.close();
            }
        }
    }

    /** One client connection: what it has scheduled, written and had echoed, and when each message left. */
    private final class Connection {
        private final EchoLink link;
        private final SelectionKey key;
        private final ByteBuffer out;
        private final ByteBuffer in;
        private final long[] sentAt = new long[window];
        private long scheduled;
        private long written;
        private long received;

        Connection(EchoLink link, Selector selector, ByteBuffer out) throws IOException {
            this.link = link;
            this.out = out;
            int room = link.tls() != null ? EchoLink.READ_ROOM : 4096;
            this.in = ByteBuffer.allocateDirect(Math.max(room, window * size));
            SocketChannel channel = link.channel();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        /** Schedules {@code count} more messages, stamped as sent at {@code now}. */
        void schedule(long count, long now) {
            for (long i = 0; i < count; i++) {
                sentAt[(int) ((scheduled / size) % window)] = now;
                scheduled += size;
            }
            outstandingBytes += count * size;
        }

        /** Writes what is scheduled; if the socket is full, asks to be told when it drains. */
        void flush() throws IOException {
            while (written < scheduled || link.wantsWrite()) {
                int n = link.write(StreamPattern.slice(out, written, (int) Math.min(scheduled - written, StreamPattern.MAX_SLICE)));
                written += n;
                if (n == 0 || link.wantsWrite()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
            }
            if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** Handles readiness: checks and counts what came back, times completed messages, sends the next. */
        void ready(SelectionKey readyKey, MeasurementWindow clock) {
            try {
                if (readyKey.isReadable()) {
                    int n = link.read(in.clear());
                    if (n < 0) {
                        throw new IOException("the server closed a connection during the run");
                    }
                    corrupt |= !StreamPattern.matches(check, received, in.flip());
                    long before = received / size;
                    received += n;
                    outstandingBytes -= n;
                    long done = received / size - before;
                    long now = System.nanoTime();
                    for (long m = before; m < before + done; m++) {
                        if (clock.measuring()) {
                            latencies.record(now - sentAt[(int) (m % window)]);
                        }
                    }
                    completed += done;
                    if (clock.sending()) {
                        schedule(done, now);
                    }
                }
                if (readyKey.isValid() && (readyKey.isWritable() || written < scheduled)) {
                    flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
