package org.twisted4j.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A request body as it is received: kept in memory up to a threshold, then spooled to a temporary file
 * (deleted by {@link #discard()}), as twisted.web keeps small bodies in memory and large ones in a temporary
 * file. Reactor thread only, apart from reading through streams from {@link #open()}.
 */
final class RequestBody {

    private static final byte[] EMPTY = new byte[0];

    private final int memoryLimit;
    private final long expectedLength;
    private byte[] memory = EMPTY;
    private long length;
    private @Nullable Path spoolPath;
    private @Nullable FileChannel spool;

    /**
     * @param memoryLimit the largest body kept in memory; a body growing past it moves to a file
     * @param expectedLength the Content-Length, or -1 if the body is chunked
     */
    RequestBody(int memoryLimit, long expectedLength) {
        this.memoryLimit = memoryLimit;
        this.expectedLength = expectedLength;
    }

    /** Returns the number of bytes received. */
    long length() {
        return length;
    }

    /** Returns the temporary file the body went to, or null while it is in memory. */
    @Nullable Path spoolPath() {
        return spoolPath;
    }

    /**
     * Adds the bytes of a piece.
     *
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    void append(ByteBuffer piece) {
        int n = piece.remaining();
        try {
            FileChannel file = spool;
            if (file == null && length + n > memoryLimit) {
                file = startSpool();
            }
            if (file != null) {
                while (piece.hasRemaining()) {
                    file.write(piece);
                }
            } else {
                if (length + n > memory.length) {
                    long wanted = expectedLength > 0 ? expectedLength : Math.max(256, (length + n) * 2);
                    memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, Math.max(wanted, length + n)));
                }
                piece.get(memory, (int) length, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool a request body to a temporary file", e);
        }
        length += n;
    }

    private FileChannel startSpool() throws IOException {
        Path path = Files.createTempFile("twisted4j-body-", ".tmp");
        spoolPath = path;
        FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE);
        spool = file;
        ByteBuffer held = ByteBuffer.wrap(memory, 0, (int) length);
        while (held.hasRemaining()) {
            file.write(held);
        }
        memory = EMPTY;
        return file;
    }

    /**
     * Returns a stream over the whole body from its first byte.
     *
     * @throws UncheckedIOException if the temporary file cannot be opened (for instance once discarded)
     */
    InputStream open() {
        Path path = spoolPath;
        if (path == null) {
            return new ByteArrayInputStream(memory, 0, (int) length);
        }
        try {
            return Channels.newInputStream(FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body's temporary file", e);
        }
    }

    /**
     * Returns the whole body as an array.
     *
     * @throws IllegalStateException if the body is too large for one array
     * @throws UncheckedIOException if the temporary file cannot be read
     */
    byte[] bytes() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a request body of " + length + " bytes does not fit in an array");
        }
        if (spoolPath == null) {
            return memory.length == length ? memory : Arrays.copyOf(memory, (int) length);
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body's temporary file", e);
        }
    }

    /** Closes and deletes the temporary file, if any; the body is empty afterwards. */
    void discard() {
        FileChannel file = spool;
        Path path = spoolPath;
        spool = null;
        spoolPath = null;
        memory = EMPTY;
        length = 0;
        try {
            if (file != null) {
                file.close();
            }
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the request body's temporary file", e);
        }
    }
}
