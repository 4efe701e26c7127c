package org.twisted4j.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.files.ByteRanges;

/**
 * Sends a file's bytes (whole, or ranges with multipart headers between them) as a request's body. One range
 * (a whole file, or a single-range 206) goes as a file region when the connection can send one
 * ({@link org.twisted4j.internet.FileRegionTransport}, so {@code FileChannel.transferTo}: plain TCP or UNIX,
 * not TLS) and the body is not chunked; the request is finished, and the file closed, once the region has
 * been sent (or the file closed when it is dropped, the client having gone). Otherwise this is a pull producer: each time the connection has sent what
 * came before, one more chunk is read and written.
 *
 * @implNote Each chunk is read into a fresh heap buffer of at most {@link #CHUNK} bytes, since a transport owns
 *     the buffers handed to it. Reactor thread only.
 */
final class FileSender implements PullProducer {

    static final int CHUNK = 64 * 1024;
    private static final Logger LOG = Logger.forClass(FileSender.class);

    private final Request request;
    private final FileChannel file;
    /** byte[] pieces are written as they are; Range pieces are read from the file. */
    private final Deque<Object> pieces;
    private long position = -1;
    private long remaining;
    private boolean done;

    FileSender(Request request, FileChannel file, List<Object> pieces) {
        this.request = request;
        this.file = file;
        this.pieces = new ArrayDeque<>(pieces);
    }

    /**
     * Sends a single range as a file region if the connection can, and finishes the request once the region
     * has been sent; else registers with the request's connection, which asks for the first chunk at once.
     * Either way the request finishes only once its last byte has left (a pipelined request waits until
     * then, and no more files are opened meanwhile), and the file is closed then or when the client goes.
     */
    void start() {
        if (pieces.size() == 1 && pieces.peekFirst() instanceof ByteRanges.Range range) {
            Deferred<@Nullable Void> sent = request.writeFile(file, range.offset(), range.length());
            if (sent != null) {
                done = true;
                sent.addBoth(result -> {
                    close();
                    if (result instanceof Failure failure) {
                        // The connection closed first; its connectionLost tells the request.
                        LOG.debug("sending a file for {request} stopped: {error}", "request", request, "error",
                                failure.value().getMessage());
                    } else if (!request.isFinished()) {
                        request.finish();
                    }
                    return null;
                });
                return;
            }
        }
        request.registerProducer(this, false);
    }

    @Override
    public void resumeProducing() {
        if (done) {
            return;
        }
        try {
            while (remaining == 0) {
                Object next = pieces.pollFirst();
                if (next == null) {
                    end();
                    return;
                }
                if (next instanceof byte[] bytes) {
                    request.write(bytes);
                } else if (next instanceof ByteRanges.Range range) {
                    position = range.offset();
                    remaining = range.length();
                }
            }
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, remaining));
            while (chunk.hasRemaining()) {
                int n = file.read(chunk, position + chunk.position());
                if (n < 0) {
                    throw new IOException("the file shrank while it was being sent");
                }
            }
            chunk.flip();
            position += chunk.remaining();
            remaining -= chunk.remaining();
            request.write(chunk);
            while (remaining == 0 && pieces.peekFirst() instanceof byte[] bytes) {
                pieces.removeFirst();
                request.write(bytes);
            }
            if (remaining == 0 && pieces.isEmpty()) {
                end(); // finish now, so the next request and the access log need not wait for another turn
            }
        } catch (IOException e) {
            LOG.warn("reading a file for {request} failed: {error}", "request", request, "error", e.getMessage());
            pieces.clear();
            remaining = 0;
            end();
        }
    }

    @Override
    public void stopProducing() {
        done = true;
        close();
    }

    private void end() {
        done = true;
        close();
        request.unregisterProducer();
        if (!request.isFinished()) {
            request.finish();
        }
    }

    private void close() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.debug("closing a sent file failed: {error}", "error", e.getMessage());
        }
    }
}
