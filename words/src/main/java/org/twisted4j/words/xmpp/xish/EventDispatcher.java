package org.twisted4j.words.xmpp.xish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Calls observers of named events and of elements matching queries, as Twisted's
 * {@code xish.utility.EventDispatcher}.
 *
 * <pre>{@code
 * dispatcher.addObserver("/message[@type='chat']", stanza -> reply((Element) stanza));
 * dispatcher.addOnetimeObserver("//event/stream/authd", stream -> ready());
 * dispatcher.dispatch(element);                       // elements go to the queries they match
 * dispatcher.dispatch(stream, "//event/stream/authd"); // anything goes to a named event's observers
 * }</pre>
 *
 * <p>An event whose name starts with {@value #EVENT_PREFIX} is a named event; any other is an {@link XPathQuery}
 * compiled once. Observers run in descending priority, then in the order they were added (default priority 0);
 * a one-time observer is removed before it runs. Observers added or removed while dispatching take effect for
 * the next dispatch. An observer that throws stops nothing but itself: the exception is passed to the
 * dispatcher's error handler (by default rethrown after the other observers ran).
 *
 * <h2>Threading</h2>
 * Not thread-safe; the stream's reactor thread.
 */
public class EventDispatcher {

    /** The prefix of named events, such as {@code //event/stream/start}. */
    public static final String EVENT_PREFIX = "//event/";

    private record Observer(Consumer<Object> callback, int priority, boolean once, long order) {
    }

    private final Map<String, List<Observer>> named = new HashMap<>();
    private final Map<String, List<Observer>> queries = new HashMap<>();
    private final Map<String, XPathQuery> compiled = new HashMap<>();
    private long added;

    /** Creates a dispatcher with no observers. */
    public EventDispatcher() {
    }

    /**
     * Adds an observer with priority 0.
     *
     * @param event a named event ({@value #EVENT_PREFIX}...) or a query
     * @param observer called with the element or the event's payload
     * @throws IllegalArgumentException if the query does not compile
     */
    public void addObserver(String event, Consumer<Object> observer) {
        addObserver(event, 0, observer);
    }

    /** Adds an observer with a priority; higher runs first. */
    public void addObserver(String event, int priority, Consumer<Object> observer) {
        add(event, new Observer(observer, priority, false, added++));
    }

    /** Adds an observer called once, at the first matching dispatch. */
    public void addOnetimeObserver(String event, Consumer<Object> observer) {
        addOnetimeObserver(event, 0, observer);
    }

    /** Adds an observer called once, with a priority. */
    public void addOnetimeObserver(String event, int priority, Consumer<Object> observer) {
        add(event, new Observer(observer, priority, true, added++));
    }

    private void add(String event, Observer observer) {
        Map<String, List<Observer>> table;
        if (event.startsWith(EVENT_PREFIX)) {
            table = named;
        } else {
            compiled.computeIfAbsent(event, XPathQuery::compile);
            table = queries;
        }
        List<Observer> list = new ArrayList<>(table.getOrDefault(event, List.of()));
        list.add(observer);
        list.sort((a, b) -> a.priority() != b.priority() ? Integer.compare(b.priority(), a.priority())
                : Long.compare(a.order(), b.order()));
        table.put(event, list);
    }

    /** Removes every registration of this observer for this event. */
    public void removeObserver(String event, Consumer<Object> observer) {
        Map<String, List<Observer>> table = event.startsWith(EVENT_PREFIX) ? named : queries;
        List<Observer> list = table.get(event);
        if (list == null) {
            return;
        }
        List<Observer> kept = new ArrayList<>();
        for (Observer o : list) {
            if (o.callback() != observer) {
                kept.add(o);
            }
        }
        if (kept.isEmpty()) {
            table.remove(event);
        } else {
            table.put(event, kept);
        }
    }

    /**
     * Dispatches an element to the observers of the queries it matches.
     *
     * @return whether any observer was called
     */
    public boolean dispatch(Element element) {
        return dispatch(element, null);
    }

    /**
     * Dispatches a payload to a named event's observers, or an element to the queries it matches when
     * {@code event} is null.
     *
     * @param payload what the observers receive
     * @param event the named event, or null to match {@code payload} (then an {@link Element}) to queries
     * @return whether any observer was called
     */
    public boolean dispatch(Object payload, @Nullable String event) {
        List<Map.Entry<String, Observer>> toCall = new ArrayList<>();
        if (event != null) {
            for (Observer o : named.getOrDefault(event, List.of())) {
                toCall.add(Map.entry(event, o));
            }
        } else if (payload instanceof Element element) {
            for (Map.Entry<String, List<Observer>> entry : queries.entrySet()) {
                XPathQuery query = compiled.get(entry.getKey());
                if (query != null && query.matches(element)) {
                    for (Observer o : entry.getValue()) {
                        toCall.add(Map.entry(entry.getKey(), o));
                    }
                }
            }
            toCall.sort((a, b) -> a.getValue().priority() != b.getValue().priority()
                    ? Integer.compare(b.getValue().priority(), a.getValue().priority())
                    : Long.compare(a.getValue().order(), b.getValue().order()));
        }
        RuntimeException first = null;
        for (Map.Entry<String, Observer> call : toCall) {
            Observer o = call.getValue();
            if (o.once()) {
                removeOnce(call.getKey(), o);
            }
            try {
                o.callback().accept(payload);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            observerFailed(first);
        }
        return !toCall.isEmpty();
    }

    private void removeOnce(String event, Observer observer) {
        Map<String, List<Observer>> table = event.startsWith(EVENT_PREFIX) ? named : queries;
        List<Observer> list = table.get(event);
        if (list != null) {
            List<Observer> kept = new ArrayList<>(list);
            kept.remove(observer);
            if (kept.isEmpty()) {
                table.remove(event);
            } else {
                table.put(event, kept);
            }
        }
    }

    /**
     * Handles an exception an observer threw, after every observer of the dispatch ran; rethrows it by default.
     * A stream overrides this to log instead.
     *
     * @param error the first exception, with later ones suppressed
     */
    protected void observerFailed(RuntimeException error) {
        throw error;
    }
}
