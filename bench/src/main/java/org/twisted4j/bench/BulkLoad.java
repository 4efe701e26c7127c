package org.twisted4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.zip.CRC32C;

/**
 * The bulk scenario of {@link EchoLoad}: one connection streaming the {@link StreamPattern} as fast as the
 * server echoes it, writing and reading at the same time, and counting echoed bytes per second.
 *
 * <p>Writing and reading share one thread over a {@link Selector} (the load generator has one core; two
 * threads on it would only add switches). At most {@link #IN_FLIGHT} bytes are unanswered at once, so a
 * server that buffers without limit gains nothing from it. Sending stops at the end of the measured time or
 * at {@link LoadOptions#bulkMaxBytes()}; then every byte sent must come back. What comes back is compared
 * byte for byte with what was sent, and the CRC32C of both streams is reported.
 *
 * <p>With {@code --tls}, the connection is TLS through an {@link EchoLink}: the bytes counted are
 * plaintext, and the line says which protocol and cipher suite were agreed ({@code tls=}).
 *
 * <p>Threading: {@link #run()} on one thread.
 */
final class BulkLoad {

    /** Most bytes sent and not yet echoed. */
    static final int IN_FLIGHT = 8 << 20;

    private final LoadOptions options;

    /**
     * Prepares a run.
     *
     * @param options the chunk size, byte limit, durations and server
     */
    BulkLoad(LoadOptions options) {
        this.options = options;
    }

    /**
     * Connects, streams for the warm-up and measured time, waits for the last echoes, disconnects.
     *
     * @return the result line
     * @throws IOException if connecting fails or the connection fails during the run
     */
    ScenarioResult run() throws IOException {
        StreamPattern pattern = new StreamPattern();
        ByteBuffer out = pattern.view();
        ByteBuffer check = pattern.view();
        ByteBuffer in = ByteBuffer.allocateDirect(StreamPattern.MAX_SLICE);
        CRC32C sentCrc = new CRC32C();
        CRC32C receivedCrc = new CRC32C();
        long sent = 0;
        long received = 0;
        boolean corrupt = false;
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
        try (Selector selector = Selector.open(); EchoLink link = EchoLink.open(server, options)) {
            SocketChannel channel = link.channel();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            MeasurementWindow clock = new MeasurementWindow(options);
            while (true) {
                long now = System.nanoTime();
                clock.tick(now, received);
                boolean more = clock.sending() && sent < options.bulkMaxBytes();
                if (!more && received == sent || clock.drainExpired(now)) {
                    break;
                }
                int room = (int) Math.min(Math.min(options.chunkSize(), IN_FLIGHT - (sent - received)),
                        options.bulkMaxBytes() - sent);
                boolean write = more && room > 0 || link.wantsWrite();
                key.interestOps(SelectionKey.OP_READ | (write ? SelectionKey.OP_WRITE : 0));
                if (selector.select(clock.selectTimeoutMillis(now)) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                if (key.isReadable()) {
                    int n = link.read(in.clear());
                    if (n < 0) {
                        throw new IOException("the server closed the connection during the run");
                    }
                    corrupt |= !StreamPattern.matches(check, received, in.flip());
                    receivedCrc.update(in);
                    received += n;
                }
                if (key.isWritable() && write) {
                    int n = link.write(StreamPattern.slice(out, sent, more ? Math.max(room, 0) : 0));
                    sentCrc.update(StreamPattern.slice(out, sent, n));
                    sent += n;
                }
            }
            ScenarioResult result = clock.addTo(new ScenarioResult("bulk"), "bytes/s")
                    .put("bytes", clock.count()).put("chunk", options.chunkSize())
                    .put("sent_total", sent).put("received_total", received)
                    .put("sent_crc32c", Long.toHexString(sentCrc.getValue()))
                    .put("received_crc32c", Long.toHexString(receivedCrc.getValue()));
            if (link.tls() != null) {
                result.put("tls", link.tls().agreed());
            }
            return result.put("verified", !corrupt && sent == received
                    && sentCrc.getValue() == receivedCrc.getValue());
        }
    }
}
