package org.twisted4j.internet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * A part of a file waiting in a {@link WriteQueue}, sent with {@link FileChannel#transferTo} (sendfile on
 * Linux) when it reaches the head of the queue: what {@link FileRegionTransport#writeFile} queues. It stands
 * in the queue's buffers as its {@link #marker()}, an empty buffer of its own. The file is the caller's; this
 * class never closes it. Reactor thread only.
 */
final class FileRegion {
    private final ByteBuffer marker = ByteBuffer.allocate(0);
    private final Deferred<@Nullable Void> sent = new Deferred<>();
    private final FileChannel file;
    private final long end;
    private long position;

    private FileRegion(FileChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.end = position + count;
    }

    /**
     * Returns the region of {@code count} bytes of {@code file} from {@code position}.
     *
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative or their sum
     *     overflows, or {@code file} is closed
     */
    static FileRegion checked(FileChannel file, long position, long count) {
        FileRegions.check(file, position, count);
        return new FileRegion(file, position, count);
    }

    /** Returns the empty buffer that stands for this region among a queue's buffers. */
    ByteBuffer marker() {
        return marker;
    }

    /** Returns how many bytes of the region are still to be sent. */
    long remaining() {
        return end - position;
    }

    /** Returns the Deferred that fires once the region is sent in full, or fails if it never will be. */
    Deferred<@Nullable Void> sent() {
        return sent;
    }

    /**
     * Hands the channel as much of the rest of the region as it takes without blocking.
     *
     * @return true if the whole region has now been sent
     * @throws EOFException if the file ends before the region does (it was truncated after being queued)
     * @throws IOException if the file or the channel fails; the region keeps what was not sent
     */
    boolean transferTo(WritableByteChannel channel) throws IOException {
        long wanted = end - position;
        long n = file.transferTo(position, wanted, channel);
        position += n;
        if (position == end) {
            return true;
        }
        if (n < wanted) {
            long size = file.size();
            if (position >= size) {
                throw FileRegions.truncated(size, end);
            }
        }
        return false;
    }

    /** Fires {@link #sent()} with success, unless its holder already fired it. */
    void succeed() {
        if (!sent.isCalled()) {
            sent.callback(null);
        }
    }

    /** Fires {@link #sent()} with {@code reason}, unless its holder already fired it. */
    void fail(Failure reason) {
        if (!sent.isCalled()) {
            sent.errback(reason);
        }
    }

    @Override
    public String toString() {
        return "FileRegion[" + file + " up to " + end + ", " + remaining() + " left]";
    }
}
