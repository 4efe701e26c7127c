package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A {@code text/event-stream} that every client GETting this resource receives, as a browser's {@code EventSource}
 * reads it: events {@linkplain #publish published} here go to every connected client, numbered so that a client
 * that reconnects with {@code Last-Event-ID} is sent what it missed.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * EventSourceResource prices = new EventSourceResource(reactor);
 * root.putChild("prices", prices);
 * prices.publish("price", "{\"EUR\": 1.08}");      // to everyone connected, and kept for resuming clients
 * }</pre>
 * and in the page: {@code new EventSource("/prices").addEventListener("price", e => show(e.data))}.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Each event gets the next id (1, 2, 3...). The last {@link #setHistorySize history size} events are kept (1,000
 *   by default); a client that connects with {@code Last-Event-ID: n} is first sent those after {@code n}, or all
 *   of them if some after {@code n} have been dropped already. Any other {@code Last-Event-ID} replays nothing.
 *   <li>A client is first sent the {@link #setRetry retry} delay if one is set, else a comment, so its
 *   {@code EventSource} opens at once. Every {@link #setHeartbeatInterval heartbeat interval} (15 s by default)
 *   a comment goes to every client, so that idle connections are not closed by proxies.
 *   <li>Back-pressure: when a client's connection cannot take more, its events wait in memory; past
 *   {@link #setMaxPendingBytes} (1 MiB by default) the client is dropped (its connection aborted, one log line) and
 *   will catch up from the history when it reconnects.
 *   <li>At most {@link #setMaxClients} clients (10,000 by default); more are answered 503.
 * </ul>
 *
 * <p>Threading: reactor thread only; publish from elsewhere through {@code reactor.callFromThread}.
 */
public final class EventSourceResource extends Resource {

    /** The history kept for resuming clients unless set otherwise: 1,000 events. */
    public static final int DEFAULT_HISTORY_SIZE = 1000;
    /** The seconds between keep-alive comments unless set otherwise: 15. */
    public static final double DEFAULT_HEARTBEAT_SECONDS = 15;
    /** The bytes that may wait for one slow client before it is dropped, unless set otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 1 << 20;
    /** The clients served at once unless set otherwise: 10,000. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final ReactorTime reactor;
    private final ArrayDeque<Published> history = new ArrayDeque<>();
    private final Set<EventStream> clients = new LinkedHashSet<>();
    private long lastId;
    private int historySize = DEFAULT_HISTORY_SIZE;
    private double heartbeatSeconds = DEFAULT_HEARTBEAT_SECONDS;
    private int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
    private int maxClients = DEFAULT_MAX_CLIENTS;
    private @Nullable Long retryMillis;
    private @Nullable DelayedCall heartbeat;

    /** An event as sent, with its id. */
    record Published(long id, byte[] bytes) {
    }

    /**
     * Makes the resource.
     *
     * @param reactor the reactor whose clock times the keep-alive comments
     */
    public EventSourceResource(ReactorTime reactor) {
        this.reactor = reactor;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    /**
     * Sends an event of type {@code message} to every client and keeps it for resuming ones.
     *
     * @param data the data; several lines are fine
     * @return the event's id
     */
    public long publish(String data) {
        return publish(null, data);
    }

    /**
     * Sends an event to every client and keeps it for resuming ones.
     *
     * @param event its type, or null for {@code message}
     * @param data the data; several lines are fine
     * @return the event's id
     * @throws IllegalArgumentException if the type holds CR or LF
     */
    public long publish(@Nullable String event, String data) {
        long id = lastId + 1;
        byte[] bytes = new ServerSentEvent(Long.toString(id), event, data, null).encode();
        lastId = id;
        history.addLast(new Published(id, bytes));
        while (history.size() > historySize) {
            history.removeFirst();
        }
        for (EventStream client : List.copyOf(clients)) {
            client.send(bytes);
        }
        return id;
    }

    /**
     * Ends every client's stream (each finishes its response), as before shutting down; browsers will reconnect.
     */
    public void closeAll() {
        for (EventStream client : List.copyOf(clients)) {
            client.close();
        }
    }

    /** Returns how many clients are connected. */
    public int clientCount() {
        return clients.size();
    }

    /** Returns the id of the last event published, 0 if none. */
    public long lastEventId() {
        return lastId;
    }

    @Override
    protected byte[] renderGET(Request request) {
        if (clients.size() >= maxClients) {
            request.setResponseCode(503);
            request.setHeader("Retry-After", "10");
            request.setHeader("Content-Type", "text/plain; charset=utf-8");
            return "too many event-stream clients\n".getBytes(UTF_8);
        }
        request.setHeader("Content-Type", "text/event-stream");
        request.setHeader("Cache-Control", "no-cache");
        request.setHeader("X-Accel-Buffering", "no");
        EventStream client = new EventStream(this, request, maxPendingBytes);
        clients.add(client);
        startHeartbeat();
        client.start(opening(request.getHeader("Last-Event-ID")));
        return NOT_DONE_YET;
    }

    @Override
    protected byte[] renderHEAD(Request request) {
        request.setHeader("Content-Type", "text/event-stream");
        request.setHeader("Cache-Control", "no-cache");
        return new byte[0];
    }

    /** What a new client is sent first: the retry delay or a comment, then the events it missed. */
    private List<byte[]> opening(@Nullable String lastEventId) {
        List<byte[]> first = new ArrayList<>();
        Long retry = retryMillis;
        first.add(retry != null ? ("retry: " + retry + "\n\n").getBytes(UTF_8)
                : ServerSentEvent.comment("connected"));
        long after = parseId(lastEventId);
        if (after >= 0 && after < lastId) {
            for (Published event : history) {
                if (event.id() > after) {
                    first.add(event.bytes());
                }
            }
        }
        return first;
    }

    private static long parseId(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    void gone(EventStream client) {
        clients.remove(client);
        if (clients.isEmpty()) {
            DelayedCall beat = heartbeat;
            heartbeat = null;
            if (beat != null && beat.active()) {
                beat.cancel();
            }
        }
    }

    private void startHeartbeat() {
        if (heartbeat == null && heartbeatSeconds > 0) {
            heartbeat = reactor.callLater(heartbeatSeconds, this::beat);
        }
    }

    private void beat() {
        heartbeat = null;
        byte[] comment = ServerSentEvent.comment("keep-alive");
        for (EventStream client : List.copyOf(clients)) {
            client.send(comment);
        }
        if (!clients.isEmpty()) {
            startHeartbeat();
        }
    }

    /**
     * Sets how many events are kept for clients that reconnect.
     *
     * @param events at least 0
     * @throws IllegalArgumentException if negative
     */
    public void setHistorySize(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("negative history size: " + events);
        }
        this.historySize = events;
        while (history.size() > events) {
            history.removeFirst();
        }
    }

    /**
     * Sets the seconds between keep-alive comments; 0 sends none. Applies from the next comment.
     *
     * @param seconds at least 0
     * @throws IllegalArgumentException if negative
     */
    public void setHeartbeatInterval(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("bad heartbeat interval: " + seconds);
        }
        this.heartbeatSeconds = seconds;
    }

    /**
     * Sets how many bytes may wait for a client whose connection is full before it is dropped. Applies to clients
     * that connect afterwards.
     *
     * @param bytes at least 1
     * @throws IllegalArgumentException if less than 1
     */
    public void setMaxPendingBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("max pending bytes must be positive: " + bytes);
        }
        this.maxPendingBytes = bytes;
    }

    /**
     * Sets how many clients may be connected at once; more are answered 503.
     *
     * @param clients at least 1
     * @throws IllegalArgumentException if less than 1
     */
    public void setMaxClients(int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("max clients must be positive: " + clients);
        }
        this.maxClients = clients;
    }

    /**
     * Sets the reconnection delay sent to each client when it connects ({@code retry:}), or none.
     *
     * @param millis the delay in milliseconds, or null to send none (browsers then wait about 3 seconds)
     * @throws IllegalArgumentException if negative
     */
    public void setRetry(@Nullable Long millis) {
        if (millis != null && millis < 0) {
            throw new IllegalArgumentException("negative retry delay: " + millis);
        }
        this.retryMillis = millis;
    }
}
