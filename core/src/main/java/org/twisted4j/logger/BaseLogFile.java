package org.twisted4j.logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A log file that can be rotated and reopened, as Twisted's {@code twisted.python.logfile.BaseLogFile}: an
 * {@link OutputStream} appending to a file, which before each write asks its subclass whether to rotate.
 * {@link #reopen} closes and opens the file again by name, for tools such as logrotate that move it away.
 *
 * <p>Rotated files can be compressed with gzip ({@code NAME.SUFFIX.gz}). A rotation that cannot happen (the
 * directory or file not writable) is skipped, and logging goes on to the current file, as Twisted's does.
 *
 * <p>Threading: every method is synchronized, so any thread may log; a signal handler may call {@link #rotate}
 * or {@link #reopen}.
 */
public abstract class BaseLogFile extends OutputStream {

    private final Path path;
    private final boolean compress;
    private @Nullable FileChannel file;
    private long size;

    /**
     * Opens (creating if needed) the log file at {@code path} for appending.
     *
     * @param path the file
     * @param compress whether rotated files are compressed with gzip
     * @throws IOException if the file cannot be opened
     */
    protected BaseLogFile(Path path, boolean compress) throws IOException {
        this.path = path.toAbsolutePath();
        this.compress = compress;
        open();
    }

    /** Returns the current log file's path. */
    public final Path path() {
        return path;
    }

    /** Returns the size of the current file, as far as this object knows. */
    public final synchronized long size() {
        return size;
    }

    /** Whether the next write should rotate the file first. Called with this object's lock held. */
    protected abstract boolean shouldRotate();

    /**
     * Moves the current file out of the way and starts a new one, or does nothing if the subclass decides
     * against it. Any thread.
     *
     * @throws IOException if renaming or opening fails; the old file stays in use if it could not be moved
     */
    public abstract void rotate() throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (shouldRotate()) {
            rotate();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        FileChannel channel = channel();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += length;
        written();
    }

    /** Called after each write, with the lock held; for subclasses that track time. */
    protected void written() {
    }

    /** Closes the file and opens it again by name: after an outside tool moved it, a new file starts. */
    public synchronized void reopen() throws IOException {
        closeFile();
        open();
    }

    @Override
    public synchronized void close() throws IOException {
        closeFile();
    }

    /**
     * Closes the current file, renames it to {@code rotated} (then compresses it if asked) and opens a new one.
     * For subclasses' {@link #rotate}; lock held.
     *
     * @return whether it was moved; false if the directory or file is not writable (nothing changes then)
     */
    protected final boolean moveTo(Path rotated) throws IOException {
        Path directory = path.getParent();
        if (!Files.isWritable(directory) || !Files.isWritable(path)) {
            return false;
        }
        closeFile();
        try {
            Files.move(path, rotated, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            open();
        }
        if (compress) {
            gzip(rotated);
        }
        return true;
    }

    /** Whether rotated files are compressed; their names then end in {@code .gz}. */
    protected final boolean compress() {
        return compress;
    }

    private static void gzip(Path rotated) throws IOException {
        Path gz = rotated.resolveSibling(rotated.getFileName() + ".gz");
        Path partial = rotated.resolveSibling(rotated.getFileName() + ".gz.tmp");
        try (InputStream in = Files.newInputStream(rotated);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
            in.transferTo(out);
        }
        Files.move(partial, gz, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(rotated);
    }

    private FileChannel channel() throws IOException {
        FileChannel channel = file;
        if (channel == null) {
            throw new IOException("the log file " + path + " is closed");
        }
        return channel;
    }

    private void open() throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        file = channel;
        size = channel.size();
    }

    private void closeFile() throws IOException {
        FileChannel channel = file;
        file = null;
        if (channel != null) {
            channel.close();
        }
    }
}
