package org.twisted4j.internet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The standard input pipe of a child process: the reactor's thread queues buffers, a virtual thread writes
 * them to the pipe (blocking while the child does not read) and reports each written buffer back, so the
 * transport can count what waits and regulate its producer.
 *
 * <p>The pipe is closed only by the writing thread, when it takes the close marker off the queue or when a
 * write fails (the child closed its end or exited); the reactor is then told through
 * {@link ChildProcess#inputEnded()}.
 */
final class ChildInput {
    /** The marker that tells the writing thread to close the pipe. */
    private static final ByteBuffer CLOSE = ByteBuffer.allocate(0);

    private final ChildProcess owner;
    private final OutputStream out;
    private final LinkedBlockingDeque<ByteBuffer> queue = new LinkedBlockingDeque<>();

    ChildInput(ChildProcess owner, OutputStream out) {
        this.owner = owner;
        this.out = out;
    }

    /** Starts the writing thread. */
    void start(String name) {
        Thread.ofVirtual().name(name).start(this::writeAll);
    }

    /** Queues {@code data}, which nobody changes afterwards. Reactor thread only. */
    void add(ByteBuffer data) {
        queue.addLast(data);
    }

    /** Closes the pipe after what is queued. Reactor thread only. */
    void closeAfterQueued() {
        queue.addLast(CLOSE);
    }

    /** Closes the pipe before what is queued, which is dropped: the child is gone. Reactor thread only. */
    void closeNow() {
        queue.addFirst(CLOSE);
    }

    private void writeAll() {
        byte[] scratch = null;
        try {
            for (ByteBuffer data = queue.take(); data != CLOSE; data = queue.take()) {
                int count = data.remaining();
                if (data.hasArray()) {
                    out.write(data.array(), data.arrayOffset() + data.position(), count);
                } else {
                    if (scratch == null) {
                        scratch = new byte[ChildOutput.CHUNK_SIZE];
                    }
                    while (data.hasRemaining()) {
                        int piece = Math.min(scratch.length, data.remaining());
                        data.get(scratch, 0, piece);
                        out.write(scratch, 0, piece);
                    }
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
                owner.reactor().callFromThread(() -> owner.inputWritten(count));
            }
        } catch (IOException e) {
            // The child closed its standard input or exited: nothing more can be written.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // Buffered bytes the child will never read; the pipe is closed all the same.
            }
            owner.reactor().callFromThread(owner::inputEnded);
        }
    }
}
