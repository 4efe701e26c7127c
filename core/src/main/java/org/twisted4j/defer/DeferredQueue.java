package org.twisted4j.defer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * A queue whose {@link #get} returns a Deferred, which fires when there is an object for it, as Twisted's
 * {@code DeferredQueue}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * DeferredQueue<Message> inbox = new DeferredQueue<>();
 * inbox.get().addCallback(message -> handle(message));  // fires now, or at the next put
 * inbox.put(message);
 * }</pre>
 * Objects and waiting gets are both served first in, first out. {@link #put} hands the object straight to the
 * first waiting get, whose callbacks run before {@code put} returns; otherwise the object waits in
 * {@link #pending()}. Cancelling a get that is still waiting takes it out of the queue, so the next object
 * goes to the next get.
 *
 * <h2>Limits</h2>
 * The size is the most objects that may wait in the queue: beyond it, {@code put} throws
 * {@link QueueOverflow}. The backlog is the most gets that may wait for an object: beyond it, {@code get}
 * throws {@link QueueUnderflow}. Both are {@link #UNLIMITED} by default; a size of 0 makes every
 * {@code put} without a waiting get overflow, a backlog of 0 makes every {@code get} of an empty queue
 * underflow.
 *
 * <h2>Threading</h2>
 * Reactor thread only. It passes objects between pieces of code on one thread, not between threads.
 *
 * @param <T> the type of the objects; null is not allowed
 */
public final class DeferredQueue<T> {
    /** A size or backlog with no limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();
    private final int size;
    private final int backlog;

    /** Creates a queue with no limit on its size or backlog. */
    public DeferredQueue() {
        this(UNLIMITED, UNLIMITED);
    }

    /**
     * Creates a queue with limits.
     *
     * @param size the most objects that may wait in the queue, or {@link #UNLIMITED}
     * @param backlog the most gets that may wait for an object, or {@link #UNLIMITED}
     * @throws IllegalArgumentException if either is negative
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0 || backlog < 0) {
            throw new IllegalArgumentException("size and backlog must not be negative: " + size + ", " + backlog);
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Adds an object: gives it to the first waiting get if there is one, else keeps it in the queue.
     *
     * @param object the object
     * @throws QueueOverflow if no get is waiting and {@link #size()} objects are already waiting
     * @throws NullPointerException if {@code object} is null
     */
    public void put(T object) {
        Objects.requireNonNull(object, "object");
        Deferred<T> getter = waiting.pollFirst();
        if (getter != null) {
            getter.callback(object);
        } else if (pending.size() < size) {
            pending.addLast(object);
        } else {
            throw new QueueOverflow("DeferredQueue is full: " + size + " objects are waiting");
        }
    }

    /**
     * Takes the next object: returns a Deferred that has fired with the first waiting object, or, if there
     * is none, one that fires at the next {@link #put} that reaches it. Cancelling that Deferred while it
     * waits withdraws it and fails it with {@link CancelledError}.
     *
     * @return a Deferred of the next object
     * @throws QueueUnderflow if the queue is empty and {@link #backlog()} gets are already waiting
     */
    public Deferred<T> get() {
        T next = pending.pollFirst();
        if (next != null) {
            return Deferred.succeed(next);
        }
        if (waiting.size() >= backlog) {
            throw new QueueUnderflow("DeferredQueue backlog is full: " + backlog + " gets are waiting");
        }
        Deferred<T> getter = new Deferred<>(waiting::remove);
        waiting.addLast(getter);
        return getter;
    }

    /** Returns a copy of the objects waiting in the queue, first out first. */
    public List<T> pending() {
        return List.copyOf(pending);
    }

    /** Returns how many gets are waiting for an object. */
    public int waiting() {
        return waiting.size();
    }

    /** Returns the most objects that may wait in the queue ({@link #UNLIMITED} for no limit). */
    public int size() {
        return size;
    }

    /** Returns the most gets that may wait for an object ({@link #UNLIMITED} for no limit). */
    public int backlog() {
        return backlog;
    }

    @Override
    public String toString() {
        return "<DeferredQueue " + pending.size() + " pending, " + waiting.size() + " waiting>";
    }
}
