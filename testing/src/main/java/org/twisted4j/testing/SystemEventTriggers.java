package org.twisted4j.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.internet.ReactorCore.TriggerId;

/**
 * The system event triggers of a {@link MemoryReactor}: three phases per event, each trigger run once, the
 * {@code DURING} phase waiting for Deferreds returned by {@code BEFORE} triggers.
 */
final class SystemEventTriggers {

    private record Trigger(TriggerId id, Callable<?> call) {
    }

    private final Map<String, EnumMap<Phase, ArrayDeque<Trigger>>> events = new HashMap<>();
    private long nextSerial;

    TriggerId add(Phase phase, String eventType, Callable<?> call) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(call, "call");
        TriggerId id = new TriggerId(phase, eventType, nextSerial++);
        queue(eventType, phase).add(new Trigger(id, call));
        return id;
    }

    void remove(TriggerId id) {
        Objects.requireNonNull(id, "id");
        if (!queue(id.eventType(), id.phase()).removeIf(trigger -> trigger.id().equals(id))) {
            throw new IllegalArgumentException("no such trigger: " + id + " (never added, removed, or already run)");
        }
    }

    /**
     * Runs the event's triggers. An exception from a trigger does not stop the others; the first is thrown
     * once the phases that could run now have run, with the others added as suppressed.
     */
    void fire(String eventType) {
        List<Throwable> errors = new ArrayList<>();
        List<Deferred<?>> waits = new ArrayList<>();
        ArrayDeque<Trigger> before = queue(eventType, Phase.BEFORE);
        while (!before.isEmpty()) {
            Object result = run(before.poll(), errors);
            if (result instanceof Deferred<?> deferred) {
                waits.add(deferred);
            }
        }
        int[] pending = {waits.size() + 1};
        Runnable arrived = () -> {
            if (--pending[0] == 0) {
                runDuringAndAfter(eventType, errors);
            }
        };
        for (Deferred<?> wait : waits) {
            wait.addBoth(result -> {
                arrived.run();
                return result;
            });
        }
        arrived.run();
        rethrow(eventType, errors);
    }

    private void runDuringAndAfter(String eventType, List<Throwable> errors) {
        for (Phase phase : new Phase[] {Phase.DURING, Phase.AFTER}) {
            ArrayDeque<Trigger> triggers = queue(eventType, phase);
            while (!triggers.isEmpty()) {
                run(triggers.poll(), errors);
            }
        }
    }

    private static @Nullable Object run(Trigger trigger, List<Throwable> errors) {
        try {
            return trigger.call().call();
        } catch (Exception | Error e) {
            errors.add(e);
            return null;
        }
    }

    private static void rethrow(String eventType, List<Throwable> errors) {
        if (errors.isEmpty()) {
            return;
        }
        Throwable first = errors.get(0);
        List<Throwable> rest = List.copyOf(errors.subList(1, errors.size()));
        errors.clear();
        RuntimeException thrown = switch (first) {
            case RuntimeException runtime -> runtime;
            case Error error -> {
                rest.forEach(error::addSuppressed);
                throw error;
            }
            default -> new IllegalStateException("a " + eventType + " trigger failed", first);
        };
        rest.forEach(thrown::addSuppressed);
        throw thrown;
    }

    private ArrayDeque<Trigger> queue(String eventType, Phase phase) {
        return events.computeIfAbsent(eventType, name -> new EnumMap<>(Phase.class))
                .computeIfAbsent(phase, p -> new ArrayDeque<>());
    }
}
