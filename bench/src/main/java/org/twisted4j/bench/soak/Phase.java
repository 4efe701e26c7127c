package org.twisted4j.bench.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One phase of {@link SoakLoad}: a number of client loops on virtual threads, each bounded by the phase's
 * deadline and by a count, that share one {@link Tally}. {@link #run} starts them and waits (bounded) for
 * them.
 */
abstract class Phase {

    /** How many iterations one loop makes at most, whatever the time left. */
    static final int MAX_ITERATIONS = 10_000_000;

    /** How long after the deadline a loop may take to finish what it is doing before it is given up on. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(90);

    final Target target;
    final Tally tally;
    private final long deadline;

    Phase(Target target, Tally tally, double seconds) {
        this.target = target;
        this.tally = tally;
        this.deadline = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Returns whether the phase's time is not up yet. */
    final boolean running() {
        return System.nanoTime() - deadline < 0;
    }

    /** Returns the nanoseconds left until the deadline (negative once past it). */
    final long nanosLeft() {
        return deadline - System.nanoTime();
    }

    /** Returns the loops of this phase, each given its index. */
    abstract List<Loop> loops();

    /** One client loop. */
    interface Loop {
        /** Runs until the phase's time is up; counts what happens in the tally. */
        void run(SplittableRandom random) throws Exception;
    }

    /** Runs every loop on its own virtual thread and waits for them, at most until the deadline and grace. */
    final void run(long seed) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Loop> loops = loops();
        for (int i = 0; i < loops.size(); i++) {
            Loop loop = loops.get(i);
            SplittableRandom random = new SplittableRandom(seed * 1_000 + i);
            threads.add(Thread.ofVirtual().name("soak-" + getClass().getSimpleName() + "-" + i).start(() -> {
                try {
                    loop.run(random);
                } catch (Exception | AssertionError e) {
                    tally.error("loop", Thread.currentThread().getName() + " ended: " + describe(e));
                }
            }));
        }
        for (Thread thread : threads) {
            long wait = Math.max(1, nanosLeft() + GRACE_NANOS);
            if (!thread.join(java.time.Duration.ofNanos(wait))) {
                tally.error("stuck", thread.getName() + " still running " + GRACE_NANOS / 1_000_000_000 + " s after the deadline");
            }
        }
    }

    /** Describes an error in one line: its class and message, and its cause's. */
    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause == e ? text : text + " (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ")";
    }

    /** Counts {@code e} as an unexpected connection error. */
    final void connectionError(String what, IOException e) {
        tally.error("connection", what + ": " + describe(e));
    }

    /** Sleeps, at most until the deadline. */
    final void pause(long millis) throws InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(nanosLeft());
        if (left > 0) {
            Thread.sleep(Math.min(millis, left));
        }
    }
}
