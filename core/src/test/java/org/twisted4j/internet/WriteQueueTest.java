package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {
    @TempDir
    Path dir;

    /** A channel that takes at most {@code limit} bytes per write, and remembers them. */
    static final class LimitedChannel implements GatheringByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final int limit;

        LimitedChannel(int limit) {
            this.limit = limit;
        }

        @Override
        public int write(ByteBuffer source) {
            return take(source, limit);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            int total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += take(sources[i], limit - total);
            }
            return total;
        }

        private int take(ByteBuffer source, int most) {
            int n = Math.min(most, source.remaining());
            for (int i = 0; i < n; i++) {
                taken.write(source.get());
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer borrow(CopyBufferPool pool, String text) {
        ByteBuffer buffer = pool.take();
        assertThat(buffer).isNotNull();
        return buffer.put(TcpSupport.ascii(text)).flip();
    }

    @Test
    void borrowedBufferGoesBackToThePoolOnceWritten() throws Exception {
        CopyBufferPool pool = new CopyBufferPool(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer borrowed = borrow(pool, "hello");
        queue.add(ByteBuffer.wrap(TcpSupport.ascii(" world")));
        queue.addBorrowed(borrowed);
        LimitedChannel channel = new LimitedChannel(100);

        assertThat(queue.flush(channel)).isTrue();

        assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo(" worldhello");
        ByteBuffer again = pool.take();
        assertThat(again).isSameAs(borrowed);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(16);
    }

    @Test
    void partlyWrittenBorrowedBufferStaysOutOfThePool() throws Exception {
        CopyBufferPool pool = new CopyBufferPool(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer borrowed = borrow(pool, "hello");
        queue.addBorrowed(borrowed);

        assertThat(queue.flush(new LimitedChannel(3))).isFalse();

        assertThat(queue.queuedBytes()).isEqualTo(2);
        assertThat(pool.take()).isNotSameAs(borrowed);
    }

    @Test
    void clearGivesBorrowedBuffersBack() {
        CopyBufferPool pool = new CopyBufferPool(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer borrowed = borrow(pool, "hello");
        queue.addBorrowed(borrowed);

        queue.clear();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(pool.take()).isSameAs(borrowed);
    }

    @Test
    void poolCreatesNoMoreThanItsLimit() {
        CopyBufferPool pool = new CopyBufferPool(4);
        for (int i = 0; i < CopyBufferPool.MAX_BUFFERS; i++) {
            assertThat(pool.take()).isNotNull();
        }
        assertThat(pool.take()).isNull();
    }

    @Test
    void queueWithoutPoolRefusesBorrowedBuffers() {
        WriteQueue queue = new WriteQueue();
        assertThatThrownBy(() -> queue.addBorrowed(ByteBuffer.allocate(4)))
                .isInstanceOf(IllegalStateException.class);
    }

    private FileChannel fileOf(String content) throws Exception {
        Path file = dir.resolve("region.txt");
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    @Test
    void fileRegionGoesBetweenTheBuffersAroundItEvenInSmallPieces() throws Exception {
        try (FileChannel file = fileOf("0123456789")) {
            WriteQueue queue = new WriteQueue();
            queue.add(ByteBuffer.wrap(TcpSupport.ascii("<<")));
            FileRegion region = FileRegion.checked(file, 1, 8);
            queue.addRegion(region);
            queue.add(ByteBuffer.wrap(TcpSupport.ascii(">>")));
            assertThat(queue.queuedBytes()).isEqualTo(4);
            assertThat(queue.fileBytes()).isEqualTo(8);
            LimitedChannel channel = new LimitedChannel(3);

            int turns = 1;
            while (!queue.flush(channel)) {
                turns++;
            }

            assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo("<<12345678>>");
            assertThat(turns).as("<< and 3 bytes, 3 bytes, 2 bytes and >>").isEqualTo(3);
            assertThat(queue.fileBytes()).isZero();
            assertThat(queue.queuedBytes()).isZero();
            assertThat(queue.pollSent()).isSameAs(region);
            assertThat(queue.pollSent()).isNull();
        }
    }

    @Test
    void buffersAfterARegionWaitForItRatherThanJoiningAGatheringWrite() throws Exception {
        try (FileChannel file = fileOf("abc")) {
            WriteQueue queue = new WriteQueue();
            queue.add(ByteBuffer.wrap(TcpSupport.ascii("1")));
            queue.addRegion(FileRegion.checked(file, 0, 3));
            queue.add(ByteBuffer.wrap(TcpSupport.ascii("2")));
            queue.addRegion(FileRegion.checked(file, 1, 1));
            queue.add(ByteBuffer.wrap(TcpSupport.ascii("3")));
            LimitedChannel channel = new LimitedChannel(100);

            assertThat(queue.flush(channel)).isTrue();
            assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo("1abc2b3");
        }
    }

    @Test
    void truncatedFileEndsItsRegionWithEof() throws Exception {
        try (FileChannel file = fileOf("abc")) {
            WriteQueue queue = new WriteQueue();
            queue.addRegion(FileRegion.checked(file, 1, 5));
            LimitedChannel channel = new LimitedChannel(100);

            assertThatThrownBy(() -> queue.flush(channel)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("truncated");
            assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo("bc");
            assertThat(queue.fileBytes()).isEqualTo(3);
        }
    }

    @Test
    void clearReturnsTheRegionsNotSentInFull() throws Exception {
        try (FileChannel file = fileOf("0123456789")) {
            WriteQueue queue = new WriteQueue();
            FileRegion first = FileRegion.checked(file, 0, 2);
            FileRegion second = FileRegion.checked(file, 2, 8);
            queue.addRegion(first);
            queue.addRegion(second);
            assertThat(queue.flush(new LimitedChannel(4))).isFalse();

            assertThat(queue.clear()).containsExactly(second);
            assertThat(queue.pollSent()).isSameAs(first);
            assertThat(queue.isEmpty()).isTrue();
            assertThat(queue.fileBytes()).isZero();
        }
    }
}
