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

    /** Reads {@code text} into the pool's lent buffer, as a socket read would, and returns the buffer. */
    private static ByteBuffer read(ReadBuffers pool, String text) {
        ByteBuffer buffer = pool.forRead();
        buffer.clear();
        return buffer.put(TcpSupport.ascii(text)).flip();
    }

    @Test
    void heldReadBufferGoesBackToThePoolOnceWritten() throws Exception {
        ReadBuffers pool = new ReadBuffers(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer lent = read(pool, "hello");
        queue.add(ByteBuffer.wrap(TcpSupport.ascii(" world")));
        queue.addHeld(lent.duplicate(), pool.hold());
        assertThat(pool.forRead()).isNotSameAs(lent);
        LimitedChannel channel = new LimitedChannel(100);

        assertThat(queue.flush(channel)).isTrue();

        assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo(" worldhello");
        pool.forRead().clear(); // the current lent buffer, now held ...
        queue.addHeld(pool.lent().duplicate(), pool.hold());
        ByteBuffer again = pool.forRead(); // ... so the next read gets the one given back
        assertThat(again).isSameAs(lent);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(16);
        assertThat(pool.created()).isEqualTo(2);
    }

    @Test
    void queuedBytesOfAReadBufferSurviveTheNextRead() throws Exception {
        ReadBuffers pool = new ReadBuffers(16);
        WriteQueue queue = new WriteQueue(pool);
        for (String text : new String[] {"first", "second", "third"}) {
            ByteBuffer lent = read(pool, text);
            queue.addHeld(lent.duplicate(), pool.hold());
        }
        read(pool, "XXXXXXXXXXXXXXXX"); // a fourth read, not queued: must land in none of the held buffers
        LimitedChannel channel = new LimitedChannel(100);

        assertThat(queue.flush(channel)).isTrue();

        assertThat(channel.taken.toString(StandardCharsets.US_ASCII)).isEqualTo("firstsecondthird");
    }

    @Test
    void partlyWrittenHeldBufferIsNotReadInto() throws Exception {
        ReadBuffers pool = new ReadBuffers(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer lent = read(pool, "hello");
        queue.addHeld(lent.duplicate(), pool.hold());

        assertThat(queue.flush(new LimitedChannel(3))).isFalse();

        assertThat(queue.queuedBytes()).isEqualTo(2);
        assertThat(pool.forRead()).isNotSameAs(lent);
        ByteBuffer second = read(pool, "other");
        queue.addHeld(second.duplicate(), pool.hold());
        assertThat(pool.forRead()).isNotSameAs(lent).isNotSameAs(second);
    }

    @Test
    void clearReleasesHeldBuffers() {
        ReadBuffers pool = new ReadBuffers(16);
        WriteQueue queue = new WriteQueue(pool);
        ByteBuffer lent = read(pool, "hello");
        queue.addHeld(lent.duplicate(), pool.hold());
        ByteBuffer next = read(pool, "next");

        queue.clear();

        assertThat(queue.isEmpty()).isTrue();
        queue.addHeld(next.duplicate(), pool.hold());
        assertThat(pool.forRead()).isSameAs(lent);
    }

    @Test
    void poolMakesNoMoreThanItsLimit() {
        ReadBuffers pool = new ReadBuffers(4);
        WriteQueue queue = new WriteQueue(pool);
        for (int i = 1; i < ReadBuffers.MAX_BUFFERS; i++) {
            ReadBuffers.Pooled hold = pool.hold();
            assertThat(hold).isNotNull();
            queue.addHeld(read(pool, "ab").duplicate(), hold);
            pool.forRead();
        }
        assertThat(pool.hold()).isNull();
        assertThat(pool.created()).isEqualTo(ReadBuffers.MAX_BUFFERS);
    }

    @Test
    void queueWithoutPoolRefusesHeldBuffers() {
        ReadBuffers pool = new ReadBuffers(4);
        WriteQueue queue = new WriteQueue();
        assertThatThrownBy(() -> queue.addHeld(ByteBuffer.allocate(4), pool.hold()))
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
