package org.twisted4j.conch.manhole;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.twisted4j.conch.insults.TerminalBuffer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Transport;

/** A {@link TerminalBuffer} whose screen a test can wait on: a Deferred fires once the screen matches. */
final class WatchedScreen implements Transport {

    private record Waiter(Predicate<String> condition, Deferred<String> result) {
    }

    /** How long a test waits for the screen before failing with what it shows. */
    static final double WAIT_SECONDS = 20;

    final TerminalBuffer buffer;
    private final NioReactor reactor;
    private final List<Waiter> waiters = new ArrayList<>();

    WatchedScreen(NioReactor reactor, int columns, int rows) {
        this.reactor = reactor;
        buffer = new TerminalBuffer(columns, rows);
    }

    /** Fires with the screen once it contains {@code text}. */
    Deferred<String> contains(String text) {
        return when(screen -> screen.contains(text));
    }

    Deferred<String> when(Predicate<String> condition) {
        Deferred<String> result = new Deferred<>();
        Waiter waiter = new Waiter(condition, result);
        waiters.add(waiter);
        check();
        DelayedCall timeout = reactor.callLater(WAIT_SECONDS, () -> {
            if (waiters.remove(waiter)) {
                result.errback(new AssertionError("the screen did not change as expected; it shows:\n"
                        + buffer.screen()));
            }
        });
        result.addBoth(outcome -> {
            if (timeout.active()) {
                timeout.cancel();
            }
            return outcome;
        });
        return result;
    }

    @Override
    public void write(ByteBuffer data) {
        buffer.write(data);
        // Checked on the next turn of the reactor, once the writer has finished drawing.
        reactor.callFromThread(this::check);
    }

    private void check() {
        String screen = buffer.screen();
        for (Waiter waiter : List.copyOf(waiters)) {
            if (waiter.condition().test(screen) && waiters.remove(waiter)) {
                waiter.result().callback(screen);
            }
        }
    }

    @Override
    public void loseConnection() {
        buffer.loseConnection();
    }

    @Override
    public void abortConnection() {
        buffer.abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return buffer.isDisconnecting();
    }

    @Override
    public Address getPeer() {
        return buffer.getPeer();
    }

    @Override
    public Address getHost() {
        return buffer.getHost();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
    }

    @Override
    public void unregisterProducer() {
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void stopProducing() {
    }
}
