package org.twisted4j.internet;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Running and stopping a reactor, and the system events around that, as Twisted's {@code IReactorCore}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * reactor.callWhenRunning(() -> reactor.listenTCP(8080, factory));
 * reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> pool.close());
 * reactor.run();          // returns after stop()
 * }</pre>
 *
 * <h2>System events</h2>
 * An event ({@link #STARTUP}, {@link #SHUTDOWN}, or any name an application fires with
 * {@link #fireSystemEvent}) runs its triggers in three phases: all {@link Phase#BEFORE} triggers, then
 * {@link Phase#DURING}, then {@link Phase#AFTER}; within a phase, in the order they were added. A
 * {@code BEFORE} trigger may return a {@link org.twisted4j.defer.Deferred}: the {@code DURING} phase then
 * waits until every such Deferred has fired, which is how a server finishes its requests before shutdown.
 * An exception from a trigger is logged and does not stop the others.
 *
 * <h2>Threading</h2>
 * {@link #stop()} may be called from any thread; everything else is for the reactor's thread (and
 * {@link #run()} for the thread that becomes it).
 */
public interface ReactorCore {

    /** The event fired when the reactor starts running. */
    String STARTUP = "startup";

    /** The event fired when the reactor stops. */
    String SHUTDOWN = "shutdown";

    /** When, relative to an event, a trigger runs. */
    enum Phase {
        /** First; a trigger may return a Deferred that the later phases wait for. */
        BEFORE,
        /** After every {@code BEFORE} trigger, and every Deferred they returned, has finished. */
        DURING,
        /** Last. */
        AFTER
    }

    /**
     * Identifies a trigger added with {@link #addSystemEventTrigger}, to remove it again.
     *
     * @param phase the phase the trigger belongs to
     * @param eventType the event the trigger belongs to
     * @param serial a number telling this trigger from others in the same phase and event
     */
    record TriggerId(Phase phase, String eventType, long serial) {
    }

    /** Returns whether the reactor is running: started and not yet stopped. */
    boolean isRunning();

    /**
     * Runs the reactor on the calling thread: fires {@link #STARTUP}, then handles I/O and timed calls until
     * {@link #stop()}, fires {@link #SHUTDOWN} and returns.
     *
     * @throws ReactorAlreadyRunning if the reactor is running, or has run before (it cannot be restarted)
     */
    void run();

    /**
     * Asks the reactor to stop: it fires {@link #SHUTDOWN} and {@link #run()} returns. Any thread.
     *
     * @throws ReactorNotRunning if the reactor is not running, or is stopping already
     */
    void stop();

    /**
     * Runs {@code call} once the reactor is running: at once if it is, otherwise as an {@link Phase#AFTER}
     * trigger of {@link #STARTUP}.
     *
     * @param call what to run
     * @return the trigger's id, to remove it before the reactor runs; null if {@code call} ran at once
     */
    @Nullable TriggerId callWhenRunning(Runnable call);

    /**
     * Adds a trigger to a system event.
     *
     * @param phase when the trigger runs, relative to the event
     * @param eventType the event, such as {@link #SHUTDOWN}
     * @param trigger what to run; a {@code BEFORE} trigger may return a
     *     {@link org.twisted4j.defer.Deferred} that the later phases wait for, other results are ignored
     * @return the trigger's id, for {@link #removeSystemEventTrigger}
     */
    TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger);

    /**
     * Adds a trigger that returns nothing; the same as {@link #addSystemEventTrigger(Phase, String,
     * Callable)}.
     *
     * @param phase when the trigger runs, relative to the event
     * @param eventType the event, such as {@link #SHUTDOWN}
     * @param trigger what to run
     * @return the trigger's id, for {@link #removeSystemEventTrigger}
     */
    default TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
        return addSystemEventTrigger(phase, eventType, () -> {
            trigger.run();
            return null;
        });
    }

    /**
     * Removes a trigger so that it does not run. Removing one whose phase is running at the moment
     * still keeps it from running, if it has not yet.
     *
     * @param id the id {@link #addSystemEventTrigger} returned
     * @throws IllegalArgumentException if there is no such trigger (never added, removed, or already run)
     */
    void removeSystemEventTrigger(TriggerId id);

    /**
     * Fires a system event now: runs its triggers phase by phase, as described above. Applications
     * rarely need it; the reactor fires {@link #STARTUP} and {@link #SHUTDOWN} itself.
     *
     * @param eventType the event to fire
     */
    void fireSystemEvent(String eventType);
}
