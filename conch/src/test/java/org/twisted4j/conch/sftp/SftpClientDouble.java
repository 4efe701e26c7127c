package org.twisted4j.conch.sftp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.testing.StringTransport;

/** Drives an {@link SftpServer} on a StringTransport: sends packets, runs the pool, reads back the replies. */
final class SftpClientDouble {
    final QueuedThreads threads = new QueuedThreads();
    final CountingTransport transport = new CountingTransport();
    final SftpServer server;
    private final List<SftpPacket> replies = new ArrayList<>();
    private final SftpFramer framer = new SftpFramer(1 << 20, new SftpFramer.Sink() {
        @Override
        public void packet(byte[] payload) {
            try {
                replies.add(SftpCodec.decode(payload));
            } catch (SftpProtocolException e) {
                throw new AssertionError("the server wrote a malformed packet", e);
            }
        }

        @Override
        public void oversized(int type, long requestId, long length) {
            throw new AssertionError("the server wrote an oversized packet");
        }
    });

    SftpClientDouble(SftpFileSystem fileSystem) {
        server = new SftpServer(threads, fileSystem);
        server.makeConnection(transport);
    }

    void sendRaw(byte[] bytes) {
        server.dataReceived(ByteBuffer.wrap(bytes));
    }

    void send(SftpPacket packet) {
        sendRaw(SftpCodec.encode(packet));
    }

    /** Sends, runs all pool work, and returns the one reply. */
    SftpPacket call(SftpPacket packet) {
        send(packet);
        threads.runAll();
        List<SftpPacket> got = replies();
        if (got.size() != 1) {
            throw new AssertionError("expected one reply, got " + got);
        }
        return got.get(0);
    }

    /** The replies written so far (and forgets them). */
    List<SftpPacket> replies() {
        framer.feed(ByteBuffer.wrap(transport.value()));
        transport.clear();
        List<SftpPacket> out = new ArrayList<>(replies);
        replies.clear();
        return out;
    }

    /** A StringTransport that counts the writes it is given. */
    static final class CountingTransport extends StringTransport {
        int writes;

        @Override
        public void write(ByteBuffer data) {
            writes++;
            super.write(data);
        }
    }
}
