package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The I/O half of a {@link NioReactor}'s turn: waits in the selector for as long as nothing else is due,
 * hands each ready channel to its {@link Selectable} (least recently handled first: see {@link ReadyKeys}),
 * and runs the tasks that must wait until the selector has let go of closed channels. Reactor thread only,
 * except {@link #wakeUp()}.
 */
final class SelectorLoop {
    private final Selector selector;
    private final List<Runnable> afterSelect = new ArrayList<>();
    private final ReadyKeys readyKeys = new ReadyKeys();
    private final Consumer<SelectionKey> collector = readyKeys::add;

    SelectorLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    Selector selector() {
        return selector;
    }

    /** Any thread: makes a select under way, or the next one, return at once. */
    void wakeUp() {
        selector.wakeup();
    }

    /** Runs {@code task} once the next select has taken closed channels off the selector. */
    void afterNextSelect(Runnable task) {
        afterSelect.add(task);
    }

    /** Returns how many channels are registered. */
    int channels() {
        return selector.keys().size();
    }

    /**
     * Selects once and handles what is ready: without waiting if {@code otherWorkPending} says other work
     * is pending, else for at most {@code wait} seconds (for ever if empty), as long as
     * {@code threadCalls} agrees to sleep.
     */
    void select(boolean otherWorkPending, OptionalDouble wait, ThreadCallQueue threadCalls) throws IOException {
        if (otherWorkPending || !afterSelect.isEmpty() || (wait.isPresent() && wait.getAsDouble() <= 0)
                || !threadCalls.prepareToSleep()) {
            selector.selectNow(collector);
        } else {
            try {
                long millis = wait.isEmpty() ? 0 : Math.max(1, (long) Math.ceil(wait.getAsDouble() * 1000));
                selector.select(collector, millis);
            } finally {
                threadCalls.awake();
            }
        }
        readyKeys.handleAll();
        runAfterSelect();
    }

    private void runAfterSelect() {
        if (afterSelect.isEmpty()) {
            return;
        }
        List<Runnable> tasks = List.copyOf(afterSelect);
        afterSelect.clear();
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                ReactorLog.error("a closing task failed: " + task, error);
            }
        }
    }

    /** Tells every registered channel that the reactor is shutting down, so that each closes. */
    void disconnectAll() {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() instanceof Selectable selectable) {
                try {
                    selectable.reactorShutdown();
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable error) {
                    ReactorLog.error("error closing " + selectable + " at shutdown", error);
                }
            }
        }
    }

    /** Lets go of closed channels, closes any left, and closes the selector. */
    void close() {
        try {
            selector.selectNow();
            runAfterSelect();
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            ReactorLog.warn("error closing the selector", e);
        }
    }
}
