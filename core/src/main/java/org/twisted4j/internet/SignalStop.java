package org.twisted4j.internet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs an event loop so that SIGINT and SIGTERM stop it cleanly, as Twisted's reactor does when it installs
 * its signal handlers: for one {@link NioReactor} and for a {@link ReactorGroup} alike. Where this JVM cannot
 * handle a signal ({@link Signals}), a JVM shutdown hook does the same work: it stops the loop and waits up to
 * {@link NioReactor#SHUTDOWN_GRACE_SECONDS} for it to finish before the JVM exits; the hook also covers
 * {@link System#exit} called while the loop runs. The previous handlers are put back on return.
 *
 * <p>Threading: {@link #run} runs the loop on the calling thread; {@code stop} is called on a signal's thread.
 */
final class SignalStop {

    private SignalStop() {
    }

    /**
     * Runs {@code loop} with the handlers in place.
     *
     * @param loop the event loop; returns once stopped
     * @param stop stops the loop; any thread, and it must not throw when the loop is stopping already
     * @param finished counted down once the loop has finished, for the shutdown hook to wait on
     */
    static void run(Runnable loop, Runnable stop, CountDownLatch finished) {
        List<Signals.Registration> handlers = new ArrayList<>();
        for (String signal : List.of("INT", "TERM")) {
            Signals.handle(signal, () -> {
                // Said before stopping, so that it comes before everything the shutdown logs, as in Twisted.
                ReactorLog.info("received SIG" + signal + ", shutting down");
                stop.run();
            }).ifPresent(handlers::add);
        }
        Thread hook = Thread.ofPlatform().name("twisted4j-shutdown").unstarted(() -> {
            stop.run();
            try {
                finished.await(NioReactor.SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            loop.run();
        } finally {
            handlers.forEach(Signals.Registration::restore);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the loop
            }
        }
    }
}
