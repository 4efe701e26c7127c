package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ssl.ClientTlsOptions;

/** File regions ({@link FileRegionTransport#writeFile}) sent over real loopback sockets, on every backend. */
class FileRegionTransportTest {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE = 64 * MIB;

    @TempDir
    static Path dir;
    private static Path big;
    private static byte[] bigBytes;

    private RunningReactor<ReactorBackend> running;
    private final List<FileChannel> files = new ArrayList<>();

    @BeforeAll
    static void writeBigFile() throws IOException {
        bigBytes = new byte[SIZE];
        long seed = 0x9E3779B97F4A7C15L;
        ByteBuffer fill = ByteBuffer.wrap(bigBytes);
        while (fill.hasRemaining()) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            fill.putLong(seed);
        }
        big = dir.resolve("big.bin");
        Files.write(big, bigBytes);
    }

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws Exception {
        running.close();
        for (FileChannel file : files) {
            file.close();
        }
    }

    /** Hands over its connection, and records how it ended. */
    static final class Server extends Protocol {
        final CompletableFuture<FileRegionTransport> made = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            made.complete((FileRegionTransport) transport());
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    /** What happened to a region's Deferred. */
    static final class Outcome {
        final CompletableFuture<Failure> failed = new CompletableFuture<>();
        final CompletableFuture<Void> sent = new CompletableFuture<>();

        void watch(Deferred<?> deferred) {
            deferred.addCallbacks(value -> {
                sent.complete(null);
                return null;
            }, failure -> {
                failed.complete(failure);
                return null;
            });
        }
    }

    private FileChannel open(Path path) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        files.add(file);
        return file;
    }

    private Socket connect(Server server) throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> server), 50,
                "127.0.0.1"));
        return TcpSupport.connect("127.0.0.1", TcpSupport.port(port));
    }

    private static FileRegionTransport made(Server server) throws Exception {
        return server.made.get(RunningReactor.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(RunningReactor.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(TcpSupport.ascii(text));
    }

    /** Reads until end of stream, and returns the CRC32 and the count of what came. */
    private static long[] crcUntilEnd(Socket socket) throws IOException {
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] buffer = new byte[256 * 1024];
        InputStream in = socket.getInputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            crc.update(buffer, 0, n);
            count += n;
        }
        return new long[] {crc.getValue(), count};
    }

    @Test
    void regionsInterleavedWithWritesArriveIntactAndInOrderBeforeTheClose() throws Exception {
        Server server = new Server();
        Outcome first = new Outcome();
        Outcome second = new Outcome();
        try (Socket client = connect(server)) {
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            running.run(() -> {
                assertThat(connection.canWriteFile()).isTrue();
                connection.write(ascii("before|"));
                first.watch(connection.writeFile(file, 0, SIZE / 2));
                connection.writeSequence(List.of(ascii("|be"), ascii("tween|")));
                second.watch(connection.writeFile(file, SIZE / 2, SIZE / 2));
                connection.write(ascii("|after"));
                connection.loseConnection();
            });

            long[] got = crcUntilEnd(client);

            CRC32 expected = new CRC32();
            expected.update(TcpSupport.ascii("before|"));
            expected.update(bigBytes, 0, SIZE / 2);
            expected.update(TcpSupport.ascii("|between|"));
            expected.update(bigBytes, SIZE / 2, SIZE / 2);
            expected.update(TcpSupport.ascii("|after"));
            assertThat(got[1]).isEqualTo(SIZE + "before||between||after".length());
            assertThat(got[0]).as("CRC32 of what arrived").isEqualTo(expected.getValue());
            assertThat(await(server.lost).check(ConnectionDone.class)).isNotNull();
            await(first.sent);
            await(second.sent);
            assertThat(file.isOpen()).as("the caller's file is left open").isTrue();
        }
    }

    /** A streaming producer that only records what it is told. */
    static final class Watcher implements PushProducer {
        int pauses;
        int resumes;

        @Override
        public void pauseProducing() {
            pauses++;
        }

        @Override
        public void resumeProducing() {
            resumes++;
        }

        @Override
        public void stopProducing() {
        }
    }

    @Test
    void aSlowReaderHoldsNoFileBytesInMemoryAndPausesTheProducerUntilTheRegionDrains() throws Exception {
        Server server = new Server();
        Watcher producer = new Watcher();
        Outcome region = new Outcome();
        try (Socket client = connect(server)) {
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            long[] queued = running.call(() -> {
                connection.registerProducer(producer, true);
                region.watch(connection.writeFile(file, 0, SIZE));
                connection.write(ascii("tail"));
                return new long[] {TcpSupport.queuedBytes(connection), TcpSupport.queuedFileBytes(connection)};
            });
            // The client has read nothing: the socket's buffers are full and most of the file waits, unread.
            // "tail", and whatever a backend counts per queued write (Netty's outbound buffer counts some bytes of
            // bookkeeping per entry), but none of the file's bytes.
            assertThat(queued[0]).as("bytes held in memory").isBetween(4L, 1024L);
            assertThat(queued[1]).as("file bytes waiting").isGreaterThan(SIZE / 2);
            assertThat(running.<Integer>call(() -> producer.pauses)).isEqualTo(1);
            assertThat(running.<Integer>call(() -> producer.resumes)).isZero();

            byte[] got = TcpSupport.readExactly(client, SIZE + 4);

            await(region.sent);
            running.run(() -> {
                assertThat(producer.resumes).isEqualTo(1);
                assertThat(TcpSupport.queuedBytes(connection) + TcpSupport.queuedFileBytes(connection)).isZero();
                connection.unregisterProducer();
                connection.loseConnection();
            });
            assertThat(java.util.Arrays.mismatch(got, 0, SIZE, bigBytes, 0, SIZE)).isEqualTo(-1);
            assertThat(new String(got, SIZE, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("tail");
            assertThat(await(server.lost).check(ConnectionDone.class)).isNotNull();
        }
    }

    @Test
    void abortDropsAQueuedRegionAndFailsItsDeferred() throws Exception {
        Server server = new Server();
        Outcome region = new Outcome();
        try (Socket client = connect(server)) {
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            running.run(() -> {
                region.watch(connection.writeFile(file, 0, SIZE));
                connection.write(ascii("never"));
                connection.abortConnection();
                assertThat(TcpSupport.queuedBytes(connection) + TcpSupport.queuedFileBytes(connection)).isZero();
            });

            assertThat(await(region.failed).check(ConnectionAborted.class)).isNotNull();
            assertThat(await(server.lost).check(ConnectionAborted.class)).isNotNull();
            long received = 0;
            try {
                received = crcUntilEnd(client)[1];
            } catch (IOException reset) {
                // the abort resets the connection: the client may see that instead of an end of stream
            }
            assertThat(received).isLessThan(SIZE);
            assertThat(file.isOpen()).isTrue();
        }
    }

    @Test
    void aFileTruncatedUnderItsRegionClosesTheConnectionWithAnEofCause() throws Exception {
        Path shrinking = dir.resolve("shrinking.bin");
        Files.copy(big, shrinking);
        Server server = new Server();
        Outcome region = new Outcome();
        try (Socket client = connect(server)) {
            FileRegionTransport connection = made(server);
            FileChannel file = open(shrinking);
            long waiting = running.call(() -> {
                region.watch(connection.writeFile(file, 0, SIZE));
                connection.write(ascii("never"));
                return TcpSupport.queuedFileBytes(connection);
            });
            assertThat(waiting).as("the client has not read yet: most of the region waits").isGreaterThan(SIZE / 2);
            try (FileChannel writer = FileChannel.open(shrinking, StandardOpenOption.WRITE)) {
                writer.truncate(SIZE / 2);
            }

            long[] got = crcUntilEnd(client);

            // What arrived is an intact part of what is left of the file: all of it on NIO; on the native backends
            // Netty's sendfile checks the file's size whenever the socket is full and gives up then.
            assertThat(got[1]).isLessThanOrEqualTo(SIZE / 2);
            if (running.reactor instanceof NioReactor) {
                assertThat(got[1]).isEqualTo(SIZE / 2);
            }
            CRC32 expected = new CRC32();
            expected.update(bigBytes, 0, (int) got[1]);
            assertThat(got[0]).isEqualTo(expected.getValue());
            Failure lost = await(server.lost);
            assertThat(lost.check(ConnectionLost.class)).isNotNull();
            assertThat(lost.value()).hasCauseInstanceOf(EOFException.class).hasMessageContaining("truncated");
            assertThat(await(region.failed).value()).isSameAs(lost.value());
        }
    }

    @Test
    void aRegionAfterTheConnectionClosedFailsAtOnce() throws Exception {
        Server server = new Server();
        Outcome region = new Outcome();
        try (Socket client = connect(server)) {
            assertThat(client.isConnected()).isTrue();
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            running.run(() -> connection.abortConnection());
            await(server.lost);
            running.run(() -> region.watch(connection.writeFile(file, 0, 10)));
            assertThat(await(region.failed).check(ConnectionClosed.class)).isNotNull();
        }
    }

    @Test
    void badRegionsAreRefused() throws Exception {
        Server server = new Server();
        try (Socket client = connect(server)) {
            assertThat(client.isConnected()).isTrue();
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            FileChannel closed = FileChannel.open(big, StandardOpenOption.READ);
            closed.close();
            running.run(() -> {
                assertThatThrownBy(() -> connection.writeFile(file, -1, 1)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> connection.writeFile(file, 0, -1)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> connection.writeFile(closed, 0, 1)).isInstanceOf(IllegalArgumentException.class);
                assertThat(connection.writeFile(file, 5, 0).isCalled()).as("an empty region is sent at once").isTrue();
            });
        }
    }

    @Test
    void afterStartTlsTheConnectionStopsOfferingFileRegions() throws Exception {
        Server server = new Server();
        try (Socket client = connect(server)) {
            assertThat(client.isConnected()).isTrue();
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            running.run(() -> {
                ((TlsUpgradable) connection).startTLS(ClientTlsOptions.optionsForClientTLS("example.test"), true);
                assertThat(connection.canWriteFile()).isFalse();
                assertThatThrownBy(() -> connection.writeFile(file, 0, 1)).isInstanceOf(IllegalStateException.class);
                connection.abortConnection();
            });
        }
    }

    @Test
    void aRegionGoesOverAUnixSocketToo() throws Exception {
        Server server = new Server();
        Path socketPath = dir.resolve("s.sock");
        running.call(() -> running.reactor.listenUNIX(socketPath, Factory.forProtocol(() -> server)));
        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socketPath))) {
            FileRegionTransport connection = made(server);
            FileChannel file = open(big);
            running.run(() -> {
                connection.write(ascii("<"));
                connection.writeFile(file, 1, 4 * MIB);
                connection.write(ascii(">"));
                connection.loseConnection();
            });
            ByteBuffer got = ByteBuffer.allocate(4 * MIB + 3);
            while (client.read(got) >= 0 && got.hasRemaining()) {
                // keep reading to the end
            }
            got.flip();
            assertThat(got.remaining()).isEqualTo(4 * MIB + 2);
            assertThat(got.get(0)).isEqualTo((byte) '<');
            assertThat(got.get(4 * MIB + 1)).isEqualTo((byte) '>');
            assertThat(got.slice(1, 4 * MIB)).isEqualTo(ByteBuffer.wrap(bigBytes, 1, 4 * MIB));
        }
    }
}
