package org.twisted4j.runner;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;

/**
 * RFC 864's character generator over TCP: the pattern until the client goes away, written as a push
 * producer of the connection. Each reactor turn writes at most {@link #BLOCKS_PER_TURN} copies of the
 * pattern's 95-line cycle and, unless paused, schedules the next turn; so a connection whose buffer never
 * fills still leaves the reactor free between turns, and one that fills pauses it.
 */
final class Chargen extends Protocol implements PushProducer {
    static final int LINE_LENGTH = 72;
    static final int CYCLE_LINES = 95;
    static final int BLOCKS_PER_TURN = 16;
    private static final byte[] CYCLE = cycle();

    private final ReactorTime reactor;
    private @Nullable DelayedCall next;
    private boolean paused;
    private boolean stopped;

    Chargen(ReactorTime reactor) {
        this.reactor = reactor;
    }

    private static byte[] cycle() {
        byte[] bytes = new byte[CYCLE_LINES * (LINE_LENGTH + 2)];
        int at = 0;
        for (int line = 0; line < CYCLE_LINES; line++) {
            for (int column = 0; column < LINE_LENGTH; column++) {
                bytes[at++] = (byte) (' ' + (line + column) % CYCLE_LINES);
            }
            bytes[at++] = '\r';
            bytes[at++] = '\n';
        }
        return bytes;
    }

    @Override
    public void connectionMade() {
        transport().registerProducer(this, true);
        produce();
    }

    private void produce() {
        next = null;
        for (int block = 0; block < BLOCKS_PER_TURN && !paused && !stopped; block++) {
            transport().write(ByteBuffer.wrap(CYCLE).asReadOnlyBuffer());
        }
        if (!paused && !stopped) {
            next = reactor.callLater(0, this::produce);
        }
    }

    @Override
    public void pauseProducing() {
        paused = true;
        cancelNext();
    }

    @Override
    public void resumeProducing() {
        if (!paused || stopped) {
            return;
        }
        paused = false;
        if (next == null) {
            next = reactor.callLater(0, this::produce);
        }
    }

    @Override
    public void stopProducing() {
        stopped = true;
        cancelNext();
    }

    @Override
    public void connectionLost(Failure reason) {
        stopProducing();
    }

    private void cancelNext() {
        DelayedCall pending = next;
        next = null;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
    }
}
