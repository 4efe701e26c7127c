package org.twisted4j.internet;

import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls handed to the reactor from other threads: a lock-free queue that many threads add to and the
 * reactor's thread drains, waking the selector only when the reactor is about to sleep or sleeping.
 *
 * <p>The reactor sets its "sleeping" flag, then looks at the queue; a caller adds to the queue, then looks
 * at the flag. Both are sequentially consistent, so either the reactor sees the call before it sleeps or
 * the caller sees the flag and wakes it.
 */
final class ThreadCallQueue {
    /** The most calls run in one turn, so that calls adding calls cannot starve I/O. */
    private static final int MAX_PER_TURN = 16_384;

    private final ConcurrentLinkedQueue<Runnable> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final Selector selector;

    ThreadCallQueue(Selector selector) {
        this.selector = selector;
    }

    /** Queues {@code call} and wakes the reactor if it sleeps. Any thread. */
    void add(Runnable call) {
        calls.add(call);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /**
     * Announces that the reactor is about to wait in the selector. Reactor thread only.
     *
     * @return false if calls are waiting, so the reactor must not sleep
     */
    boolean prepareToSleep() {
        sleeping.set(true);
        if (!calls.isEmpty()) {
            sleeping.set(false);
            return false;
        }
        return true;
    }

    /** Announces that the reactor is awake again. Reactor thread only. */
    void awake() {
        sleeping.set(false);
    }

    /** Returns whether calls are waiting. */
    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** Takes every waiting call off the queue without running it, handing each to {@code dropped}. */
    void drain(java.util.function.Consumer<Runnable> dropped) {
        for (Runnable call = calls.poll(); call != null; call = calls.poll()) {
            dropped.accept(call);
        }
    }

    /** Runs the waiting calls in order, logging what they throw. Reactor thread only. */
    void runAll() {
        for (int i = 0; i < MAX_PER_TURN; i++) {
            Runnable call = calls.poll();
            if (call == null) {
                return;
            }
            try {
                call.run();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                ReactorLog.error("a call from another thread failed: " + call, error);
            }
        }
    }
}
