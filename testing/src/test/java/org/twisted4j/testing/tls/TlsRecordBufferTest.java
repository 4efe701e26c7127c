package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.WriteQueueTransport;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

/**
 * The TLS layer's record buffer: handed to the real transport itself, and filled again, only while that
 * transport holds none of it; records a transport keeps queued are never overwritten by later writes.
 */
class TlsRecordBufferTest {

    /**
     * A transport that keeps the buffers written to it, as a real one does while the socket is full, until
     * {@link #drain()}: only then are their bytes read, so a buffer changed meanwhile shows.
     */
    static final class HoldingTransport extends StringTransport implements WriteQueueTransport {
        private final List<ByteBuffer> held = new ArrayList<>();
        private final Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Whether the socket takes nothing: writes are held. */
        boolean full;
        /** How many writes came in an array written before. */
        int reusedArrays;
        int writes;

        @Override
        public void write(ByteBuffer data) {
            writes++;
            if (data.hasArray() && !arrays.add(data.array())) {
                reusedArrays++;
            }
            if (full || !held.isEmpty()) {
                held.add(data.duplicate());
            } else {
                super.write(data);
            }
        }

        @Override
        public boolean holdsWrites() {
            return !held.isEmpty();
        }

        /** The socket takes everything held, in order. */
        void drain() {
            full = false;
            for (ByteBuffer view : held) {
                super.write(view);
            }
            held.clear();
        }
    }

    private final Recorder server = new Recorder();
    private final Recorder client = new Recorder();
    private final HoldingTransport serverSide = new HoldingTransport();
    private final StringTransport clientSide = new StringTransport();
    private final TlsProtocol serverTls;
    private final TlsProtocol clientTls;

    TlsRecordBufferTest() throws Exception {
        serverTls = wrap(TestTls.server(), false, server);
        clientTls = wrap(TestTls.client(), true, client);
        serverTls.makeConnection(serverSide);
        clientTls.makeConnection(clientSide);
        pump();
        assertThat(server.handshake).isDone();
        assertThat(client.handshake).isDone();
    }

    private static TlsProtocol wrap(TlsOptions options, boolean isClient, Protocol app) {
        TlsFactory factory = new TlsFactory(options, Factory.forProtocol(() -> app), isClient);
        return (TlsProtocol) factory.buildProtocol(isClient ? IOPump.DEFAULT_SERVER_ADDRESS
                : IOPump.DEFAULT_CLIENT_ADDRESS);
    }

    /** Moves what each side's transport took to the other side until neither has anything more to say. */
    private void pump() {
        while (true) {
            byte[] toServer = clientSide.value();
            byte[] toClient = serverSide.value();
            if (toServer.length == 0 && toClient.length == 0) {
                return;
            }
            clientSide.clear();
            serverSide.clear();
            if (toServer.length > 0) {
                serverTls.dataReceived(ByteBuffer.wrap(toServer));
            }
            if (toClient.length > 0) {
                clientTls.dataReceived(ByteBuffer.wrap(toClient));
            }
        }
    }

    /** A message of {@code size} bytes that differs from the messages of every other {@code index}. */
    private static byte[] message(int index, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (index * 31 + i * 7);
        }
        return bytes;
    }

    @Test
    void theRecordBufferIsReusedWhileTheTransportHoldsNothing() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        serverSide.reusedArrays = 0;
        for (int i = 0; i < 100; i++) {
            byte[] bytes = message(i, 1000);
            sent.writeBytes(bytes);
            server.transport().write(bytes);
        }
        pump();
        assertThat(client.received.toByteArray()).isEqualTo(sent.toByteArray());
        assertThat(serverSide.reusedArrays).as("writes made in the one reused record buffer")
                .isGreaterThanOrEqualTo(99);
    }

    @Test
    void recordsKeptBehindAFullSocketAreNotOverwrittenByLaterWrites() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        serverSide.full = true;
        int index = 0;
        for (; index < 50; index++) {
            byte[] bytes = message(index, 1500);
            sent.writeBytes(bytes);
            server.transport().write(bytes);
        }
        for (; index < 100; index += 2) {
            byte[] first = message(index, 700);
            byte[] second = message(index + 1, 20_000);
            sent.writeBytes(first);
            sent.writeBytes(second);
            server.transport().writeSequence(List.of(ByteBuffer.wrap(first), ByteBuffer.wrap(second)));
        }
        assertThat(serverSide.holdsWrites()).isTrue();
        assertThat(client.received.size()).isZero();

        serverSide.drain();
        for (; index < 120; index++) { // the socket has room again: the record buffer is lent once more
            byte[] bytes = message(index, 1500);
            sent.writeBytes(bytes);
            server.transport().write(bytes);
        }
        pump();
        assertThat(client.received.toByteArray()).isEqualTo(sent.toByteArray());
        assertThat(client.lost).isNotDone();
    }

    @Test
    void aWriteMadeWhileTheSocketIsFullWaitsBehindWhatIsHeld() {
        server.transport().write(message(1, 100));
        serverSide.full = true;
        server.transport().write(message(2, 100));
        serverSide.full = false; // the socket has room, but earlier records are still held
        server.transport().write(message(3, 100));
        assertThat(serverSide.holdsWrites()).isTrue();
        serverSide.drain();
        pump();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(message(1, 100));
        expected.writeBytes(message(2, 100));
        expected.writeBytes(message(3, 100));
        assertThat(client.received.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
