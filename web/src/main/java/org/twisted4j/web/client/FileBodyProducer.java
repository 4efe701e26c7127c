package org.twisted4j.web.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * A request body read from a file or an input stream, as Twisted's {@code FileBodyProducer}: one piece of
 * {@link #DEFAULT_READ_SIZE 64 KiB} per turn of the reactor, stopping while the connection is paused.
 *
 * <pre>{@code
 * agent.request("PUT", uri, null, new FileBodyProducer(reactor, Path.of("upload.bin")));
 * }</pre>
 *
 * <h2>Blocking</h2>
 * The reads happen on the reactor thread, as Twisted's do (through its cooperator): fine for local files,
 * whose 64 KiB reads take microseconds, and for in-memory streams. A stream that can block for long (a pipe,
 * a socket) stalls the reactor meanwhile: feed such a source through a producer of your own that reads off
 * the reactor thread.
 *
 * <h2>Length and retries</h2>
 * A file's length is its size when the producer is made; a stream's is {@link #UNKNOWN_LENGTH} (sent
 * chunked) unless given. A producer on a file can be {@linkplain #replay() replayed}, so a request with it may
 * be retried on a new connection or follow a 307; one on a stream cannot.
 *
 * <h2>Threading</h2>
 * Reactor thread only. The stream is closed at its end, on failure, or when stopped.
 */
public final class FileBodyProducer implements ReplayableBodyProducer {

    /** Bytes read per turn of the reactor: 64 KiB. */
    public static final int DEFAULT_READ_SIZE = 64 * 1024;

    private final ReactorTime clock;
    private final @Nullable Path file;
    private final @Nullable InputStream given;
    private final long length;
    private @Nullable InputStream in;
    private @Nullable Consumer<ByteBuffer> consumer;
    private @Nullable Deferred<@Nullable Void> done;
    private @Nullable DelayedCall next;
    private boolean paused;
    private boolean used;

    /**
     * Makes a producer of a file's contents.
     *
     * @param clock the reactor, to read one piece per turn
     * @param file the file
     * @throws UncheckedIOException if the file's size cannot be read
     */
    public FileBodyProducer(ReactorTime clock, Path file) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = Objects.requireNonNull(file, "file");
        this.given = null;
        try {
            this.length = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /**
     * Makes a producer of a stream of unknown length, sent chunked.
     *
     * @param clock the reactor, to read one piece per turn
     * @param in the stream, read to its end and closed
     */
    public FileBodyProducer(ReactorTime clock, InputStream in) {
        this(clock, in, UNKNOWN_LENGTH);
    }

    /**
     * Makes a producer of a stream whose length is known.
     *
     * @param clock the reactor, to read one piece per turn
     * @param in the stream, read to its end and closed
     * @param length how many bytes the stream holds, or {@link #UNKNOWN_LENGTH}
     * @throws IllegalArgumentException if {@code length} is below {@link #UNKNOWN_LENGTH}
     */
    public FileBodyProducer(ReactorTime clock, InputStream in, long length) {
        if (length < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("length must be -1 or more: " + length);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = null;
        this.given = Objects.requireNonNull(in, "in");
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    /**
     * Starts reading, a piece per turn of the reactor.
     *
     * @throws IllegalStateException if a producer on a stream is started a second time
     */
    @Override
    public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
        if (given != null && used) {
            throw new IllegalStateException("a stream can be sent only once");
        }
        used = true;
        close();
        Deferred<@Nullable Void> finished = new Deferred<>();
        done = finished;
        this.consumer = consumer;
        paused = false;
        try {
            in = file != null ? Files.newInputStream(file) : given;
        } catch (IOException e) {
            done = null;
            return Deferred.fail(e);
        }
        schedule();
        return finished;
    }

    @Override
    public void pauseProducing() {
        paused = true;
        unschedule();
    }

    @Override
    public void resumeProducing() {
        paused = false;
        schedule();
    }

    /** Stops for good and closes the stream; the Deferred of {@link #startProducing} does not fire. */
    @Override
    public void stopProducing() {
        done = null;
        close();
    }

    /** Returns a producer reading the same file from its start, or null for a stream (read only once). */
    @Override
    public @Nullable BodyProducer replay() {
        Path source = file;
        return source == null ? null : new FileBodyProducer(clock, source);
    }

    private void step() {
        next = null;
        InputStream source = in;
        Deferred<@Nullable Void> finished = done;
        Consumer<ByteBuffer> target = consumer;
        if (source == null || finished == null || target == null || paused) {
            return;
        }
        byte[] piece = new byte[DEFAULT_READ_SIZE];
        int n;
        try {
            n = source.readNBytes(piece, 0, piece.length);
        } catch (IOException e) {
            done = null;
            close();
            finished.errback(e);
            return;
        }
        if (n > 0) {
            target.accept(ByteBuffer.wrap(piece, 0, n)); // a new array each time: the consumer keeps it
        }
        if (n < piece.length) {
            done = null;
            close();
            finished.callback(null);
        } else {
            schedule();
        }
    }

    private void schedule() {
        if (next == null && !paused && done != null) {
            next = clock.callLater(0, this::step);
        }
    }

    private void unschedule() {
        DelayedCall pending = next;
        next = null;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
    }

    private void close() {
        unschedule();
        InputStream source = in;
        in = null;
        if (source != null) {
            try {
                source.close();
            } catch (IOException ignored) {
                // Nothing more is read from it; a failure to close loses nothing.
            }
        }
    }

    @Override
    public String toString() {
        return "FileBodyProducer[" + (file != null ? file : "a stream") + ", " + length + " bytes]";
    }
}
