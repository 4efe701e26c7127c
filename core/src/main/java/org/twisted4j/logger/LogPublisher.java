package org.twisted4j.logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.twisted4j.defer.Failure;

/**
 * An observer that passes each event on to a list of observers, as Twisted's {@code LogPublisher}; the
 * hub that {@link Logger}s log to. {@link #global()} is the process-wide one that loggers use unless told
 * otherwise.
 *
 * <pre>{@code
 * LogPublisher publisher = new LogPublisher();
 * publisher.addObserver(new TextFileLogObserver(System.out));
 * new Logger("chat.server", null, publisher).info("{peer} connected", "peer", address);
 * }</pre>
 *
 * <h2>Broken observers</h2>
 * If an observer throws, the publisher still passes the event to the observers after it, and then logs
 * what went wrong, at {@link LogLevel#CRITICAL} under this class's name, to all its observers except the
 * broken one (which stays registered, in case the problem was passing). That report goes through a
 * publisher of the remaining observers, so if another observer breaks on it, it is reported to fewer
 * observers still: the reporting always ends. Errors that mean the whole JVM is in trouble
 * ({@link VirtualMachineError}s other than {@link StackOverflowError}) are not caught.
 *
 * <h2>Threading</h2>
 * Any thread. Adding and removing observers is safe while events are being published; an event that is
 * being published when the list changes goes to the list as it was when its publishing began.
 */
public final class LogPublisher implements LogObserver {

    private static final LogObserver[] NONE = new LogObserver[0];

    private volatile LogObserver[] observers;

    /**
     * Makes a publisher that passes events on to {@code observers}, in that order.
     *
     * @throws NullPointerException if an observer is null
     */
    public LogPublisher(LogObserver... observers) {
        this.observers = NONE;
        for (LogObserver observer : observers) {
            addObserver(observer);
        }
    }

    /**
     * Returns the process-wide publisher, to which {@link Logger}s log by default. Until
     * {@link LogBeginner#beginLoggingTo} is called on {@link LogBeginner#global()}, it holds a bounded
     * buffer of recent events, which that call then replays to the observers it adds.
     */
    public static LogPublisher global() {
        return GlobalLogging.PUBLISHER;
    }

    /**
     * Adds an observer at the end of the list; adding one that is already there does nothing.
     *
     * @throws NullPointerException if {@code observer} is null
     */
    public synchronized void addObserver(LogObserver observer) {
        Objects.requireNonNull(observer, "observer");
        if (indexOf(observers, observer) < 0) {
            LogObserver[] grown = Arrays.copyOf(observers, observers.length + 1);
            grown[observers.length] = observer;
            observers = grown;
        }
    }

    /** Removes an observer; removing one that is not there does nothing. */
    public synchronized void removeObserver(LogObserver observer) {
        int index = indexOf(observers, observer);
        if (index >= 0) {
            List<LogObserver> rest = new ArrayList<>(Arrays.asList(observers));
            rest.remove(index);
            observers = rest.toArray(NONE);
        }
    }

    /**
     * Replaces {@code old} by {@code replacements} in one step, so that each event goes either to
     * {@code old} or to the replacements, never to both or neither. If {@code old} is not there, the
     * replacements are added at the end. Replacements already present are not added twice.
     */
    synchronized void replaceObserver(LogObserver old, List<? extends LogObserver> replacements) {
        List<LogObserver> updated = new ArrayList<>(Arrays.asList(observers));
        int index = indexOf(observers, old);
        if (index >= 0) {
            updated.remove(index);
        } else {
            index = updated.size();
        }
        for (LogObserver replacement : replacements) {
            Objects.requireNonNull(replacement, "observer");
            if (!updated.contains(replacement)) {
                updated.add(index++, replacement);
            }
        }
        observers = updated.toArray(NONE);
    }

    /** Returns the observers, in the order events reach them; a snapshot, not a live view. */
    public List<LogObserver> observers() {
        return List.of(observers);
    }

    /** Returns whether there is any observer, which tells a {@link Logger} whether to make events at all. */
    public boolean hasObservers() {
        return observers.length > 0;
    }

    /**
     * Passes the event to each observer in turn; an observer that throws is reported as the class
     * description says. Does not throw, except for the JVM errors named there.
     */
    @Override
    public void observe(LogEvent event) {
        LogObserver[] snapshot = observers;
        List<LogObserver> broken = null;
        List<Throwable> errors = null;
        for (LogObserver observer : snapshot) {
            try {
                observer.observe(event);
            } catch (Throwable error) {
                if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
                    throw error;
                }
                if (broken == null) {
                    broken = new ArrayList<>(1);
                    errors = new ArrayList<>(1);
                }
                broken.add(observer);
                errors.add(error);
            }
        }
        if (broken != null) {
            for (int i = 0; i < broken.size(); i++) {
                reportBrokenObserver(snapshot, broken.get(i), errors.get(i), event);
            }
        }
    }

    private void reportBrokenObserver(LogObserver[] snapshot, LogObserver broken, Throwable error,
            LogEvent event) {
        List<LogObserver> others = new ArrayList<>(snapshot.length - 1);
        for (LogObserver observer : snapshot) {
            if (observer != broken) {
                others.add(observer);
            }
        }
        if (others.isEmpty()) {
            return;
        }
        new Logger(LogPublisher.class.getName(), this, new LogPublisher(others.toArray(NONE)))
                .failure("Log observer {observer} failed on an event; it stays registered",
                        new Failure(error), "observer", broken, "event", event);
    }

    private static int indexOf(LogObserver[] array, LogObserver observer) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].equals(observer)) {
                return i;
            }
        }
        return -1;
    }
}
