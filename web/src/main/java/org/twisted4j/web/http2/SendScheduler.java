package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * The sending side of a connection: header blocks (HPACK-encoded in the order they go out), and the streams'
 * waiting data under the connection's send window, one frame per stream per turn so streams share the
 * connection fairly. Streams blocked by their own window leave the queue until a WINDOW_UPDATE or a new
 * SETTINGS_INITIAL_WINDOW_SIZE brings them back. It is the producer registered with the transport: while the
 * transport asks it to pause, data waits.
 *
 * <p>While the connection handles a batch of input ({@link #hold()} to {@link #release()}), the frames made
 * meanwhile (responses rendered at once, SETTINGS and PING acknowledgements, WINDOW_UPDATEs) are held back and
 * then written in one {@link Transport#writeSequence}, so that many small responses to one read cost one
 * write rather than a few each. Once {@link #HOLD_LIMIT} bytes are held they are written at once, so that the
 * transport's buffer, and its request to pause, still bound what producers make.
 */
final class SendScheduler implements PushProducer {
    /** Bytes held back, while holding, past which they are written at once. */
    static final int HOLD_LIMIT = 64 * 1024;

    final FlowWindow connectionWindow = new FlowWindow(Http2Settings.DEFAULT_WINDOW);
    private final HpackEncoder encoder = new HpackEncoder();
    /** Where header blocks are encoded, reused: each is copied into its frames at once. */
    private final HpackOutput block = new HpackOutput();
    private final ArrayDeque<StreamImpl> ready = new ArrayDeque<>();
    private @Nullable Transport transport;
    private int maxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;
    private boolean transportPaused;
    private boolean flushing;
    private boolean stopped;
    private boolean registered;
    private int holds;
    private List<ByteBuffer> held = new ArrayList<>();
    private long heldBytes;

    /** Starts writing to {@code transport}, registered as its producer. */
    void start(Transport transport) {
        this.transport = transport;
        transport.registerProducer(this, true);
        registered = true;
    }

    /**
     * Stops writing for good (the connection is closing), once the frames held back are written, and
     * unregisters from the transport, which would not close while a producer is registered.
     */
    void stop() {
        writeHeld();
        boolean wasRegistered = registered;
        stopProducing();
        Transport current = transport;
        if (current != null && wasRegistered) {
            current.unregisterProducer();
        }
    }

    /** Stops writing for good, dropping the frames held back: the connection is gone. */
    void lost() {
        stopped = true;
        held = new ArrayList<>();
        heldBytes = 0;
        ready.clear();
    }

    /** Holds back the frames made from now until the matching {@link #release()}; calls may nest. */
    void hold() {
        holds++;
    }

    /** Ends a {@link #hold()}: the outermost one writes what was held back, in one write. */
    void release() {
        if (holds > 0 && --holds == 0) {
            writeHeld();
        }
    }

    private void send(Transport transport, List<ByteBuffer> frames) {
        if (holds == 0) {
            transport.writeSequence(frames);
            return;
        }
        for (ByteBuffer frame : frames) {
            held.add(frame);
            heldBytes += frame.remaining();
        }
        if (heldBytes >= HOLD_LIMIT) {
            writeHeld();
        }
    }

    private void writeHeld() {
        if (held.isEmpty()) {
            return;
        }
        List<ByteBuffer> out = held;
        held = new ArrayList<>();
        heldBytes = 0;
        Transport current = transport;
        if (current != null && !stopped) {
            current.writeSequence(out);
        }
    }

    void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    void setPeerMaxTableSize(long size) {
        encoder.setPeerMaxTableSize(size);
    }

    /** Writes {@code frame} now, unless stopped. */
    void write(ByteBuffer frame) {
        Transport current = transport;
        if (current != null && !stopped) {
            if (holds == 0) {
                current.write(frame);
            } else {
                send(current, List.of(frame));
            }
        }
    }

    /** Returns the HEADERS (and CONTINUATION) frames for {@code fields}, encoding them now. */
    ByteBuffer headers(int streamId, List<HeaderField> fields, boolean endStream) {
        block.clear();
        encoder.encode(fields, block);
        return FrameWriter.headers(streamId, block.array(), block.size(), endStream, maxFrameSize);
    }

    /** Queues {@code stream}, which has output, unless it is queued already, and flushes unless flushing. */
    void enqueue(StreamImpl stream) {
        schedule(stream);
        if (!flushing) {
            flush();
        }
    }

    /** Queues {@code stream}, which has output, unless it is queued already, for the next flush. */
    void schedule(StreamImpl stream) {
        if (!stream.scheduled && stream.hasOutput()) {
            stream.scheduled = true;
            ready.add(stream);
        }
    }

    /** Writes what the windows allow now, then lets the streams that sent something resume their producers. */
    void flush() {
        Transport current = transport;
        if (current == null || transportPaused || stopped || flushing) {
            return;
        }
        List<ByteBuffer> out = new ArrayList<>();
        List<StreamImpl> progressed = new ArrayList<>();
        flushing = true;
        try {
            while (!ready.isEmpty()) {
                StreamImpl stream = ready.poll();
                int before = out.size();
                StreamImpl.Result result = stream.writeSome(out, connectionWindow, maxFrameSize);
                if (out.size() > before && !progressed.contains(stream)) {
                    progressed.add(stream);
                }
                if (result == StreamImpl.Result.BLOCKED_BY_CONNECTION) {
                    ready.addFirst(stream);
                    break;
                }
                stream.scheduled = result == StreamImpl.Result.MORE;
                if (stream.scheduled) {
                    ready.add(stream);
                }
            }
        } finally {
            flushing = false;
        }
        if (!out.isEmpty()) {
            send(current, out);
        }
        for (StreamImpl stream : progressed) {
            stream.afterFlush();
        }
    }

    @Override
    public void pauseProducing() {
        transportPaused = true;
    }

    @Override
    public void resumeProducing() {
        transportPaused = false;
        flush();
    }

    /** The transport is closing: it lets go of this producer. */
    @Override
    public void stopProducing() {
        stopped = true;
        registered = false;
        ready.clear();
    }
}
