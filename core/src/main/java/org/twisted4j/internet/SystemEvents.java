package org.twisted4j.internet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.internet.ReactorCore.TriggerId;

/**
 * The system event triggers of one reactor, fired phase by phase: {@code BEFORE} triggers first (the later
 * phases wait for any Deferreds they return), then {@code DURING}, then {@code AFTER}. A trigger runs at
 * most once: firing takes it off its list. Public for the reactor backends outside core
 * ({@link ReactorProvider}), which keep their triggers in one as {@link NioReactor} does.
 *
 * <h2>Threading</h2>
 * Reactor thread only (or the thread setting the reactor up before it runs).
 */
public final class SystemEvents {

    /** Makes an empty set of triggers. */
    public SystemEvents() {
    }

    private record Trigger(long serial, Callable<?> call) {
    }

    private final Map<String, EnumMap<Phase, ArrayDeque<Trigger>>> events = new HashMap<>();
    private long nextSerial;

    /**
     * Adds a trigger, as {@link ReactorCore#addSystemEventTrigger}.
     *
     * @param phase when, relative to the event, it runs
     * @param eventType the event, such as {@link ReactorCore#SHUTDOWN}
     * @param trigger what runs; it may return a Deferred that the later phases wait for
     * @return the id to remove it with
     */
    public TriggerId add(Phase phase, String eventType, Callable<?> trigger) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(trigger, "trigger");
        long serial = nextSerial++;
        phases(eventType).get(phase).addLast(new Trigger(serial, trigger));
        return new TriggerId(phase, eventType, serial);
    }

    /**
     * Removes a trigger not run yet, as {@link ReactorCore#removeSystemEventTrigger}.
     *
     * @param id what {@link #add} returned
     */
    public void remove(TriggerId id) {
        EnumMap<Phase, ArrayDeque<Trigger>> phases = events.get(id.eventType());
        if (phases != null) {
            Iterator<Trigger> it = phases.get(id.phase()).iterator();
            while (it.hasNext()) {
                if (it.next().serial() == id.serial()) {
                    it.remove();
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no such trigger (never added, removed, or already run): " + id);
    }

    /**
     * Fires an event: its triggers phase by phase, as {@link ReactorCore#fireSystemEvent}.
     *
     * @param eventType the event
     */
    public void fire(String eventType) {
        EnumMap<Phase, ArrayDeque<Trigger>> phases = events.get(eventType);
        if (phases == null) {
            return;
        }
        List<Deferred<?>> waits = new ArrayList<>();
        ArrayDeque<Trigger> before = phases.get(Phase.BEFORE);
        while (!before.isEmpty()) {
            if (run(eventType, before.removeFirst()) instanceof Deferred<?> wait) {
                waits.add(wait);
            }
        }
        if (waits.isEmpty()) {
            finish(eventType, phases);
            return;
        }
        int[] left = {waits.size()};
        for (Deferred<?> wait : waits) {
            wait.addBoth(outcome -> {
                if (outcome instanceof Failure failure) {
                    ReactorLog.error("a before-" + eventType + " trigger's Deferred failed", failure.value());
                }
                if (--left[0] == 0) {
                    finish(eventType, phases);
                }
                return null;
            });
        }
    }

    private void finish(String eventType, EnumMap<Phase, ArrayDeque<Trigger>> phases) {
        for (Phase phase : List.of(Phase.DURING, Phase.AFTER)) {
            ArrayDeque<Trigger> triggers = phases.get(phase);
            while (!triggers.isEmpty()) {
                run(eventType, triggers.removeFirst());
            }
        }
    }

    private static @Nullable Object run(String eventType, Trigger trigger) {
        try {
            return trigger.call().call();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error("a " + eventType + " trigger failed: " + trigger.call(), error);
            return null;
        }
    }

    private EnumMap<Phase, ArrayDeque<Trigger>> phases(String eventType) {
        return events.computeIfAbsent(eventType, type -> {
            EnumMap<Phase, ArrayDeque<Trigger>> phases = new EnumMap<>(Phase.class);
            for (Phase phase : Phase.values()) {
                phases.put(phase, new ArrayDeque<>());
            }
            return phases;
        });
    }
}
