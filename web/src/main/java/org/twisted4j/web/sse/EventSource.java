package org.twisted4j.web.sse;

import java.net.URI;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;
import org.twisted4j.web.client.HttpAgent;
import org.twisted4j.web.client.Response;

/**
 * A client of a {@code text/event-stream}, as a browser's {@code EventSource}, on any {@link HttpAgent}: it GETs
 * the stream, hands each event to its handler, and when the stream ends or the connection fails reconnects after
 * the server's {@code retry} delay (3 s until the server sets one), sending the last event id it saw as
 * {@code Last-Event-ID} so that the server can replay what it missed.
 *
 * <pre>{@code
 * EventSource prices = EventSource.connect(agent, URI.create("http://example.com/prices"), reactor,
 *         event -> System.out.println(event.event() + ": " + event.data()));
 * ...
 * prices.close();
 * }</pre>
 *
 * <p>An answer other than 200 with {@code text/event-stream} stops the source for good ({@link EventSourceRefused}
 * to {@link Handler#closed}), as does an event over the parser's limit ({@link EventStreamTooLarge}).
 *
 * <p>Threading: reactor thread only.
 */
public final class EventSource {

    /** The reconnection delay until the server sets one: 3,000 ms, as browsers use. */
    public static final long DEFAULT_RETRY_MILLIS = 3000;

    /** What an event source tells its user. */
    @FunctionalInterface
    public interface Handler {
        /**
         * An event arrived.
         *
         * @param event the event; its id is the last id the stream set, its type null for {@code message}
         */
        void event(ServerSentEvent event);

        /** A stream was opened (the first time, and after each reconnection). */
        default void opened() {
        }

        /**
         * The source stopped for good, and will not reconnect.
         *
         * @param reason why, or null after {@link EventSource#close()}
         */
        default void closed(@Nullable Failure reason) {
        }
    }

    private final HttpAgent agent;
    private final URI uri;
    private final ReactorTime clock;
    private final Handler handler;
    private long retryMillis = DEFAULT_RETRY_MILLIS;
    private @Nullable String lastEventId;
    private @Nullable Deferred<Response> requesting;
    private @Nullable Response streaming;
    private @Nullable EventStreamParser parser;
    private @Nullable DelayedCall reconnect;
    private boolean closed;

    private EventSource(HttpAgent agent, URI uri, ReactorTime clock, Handler handler) {
        this.agent = agent;
        this.uri = uri;
        this.clock = clock;
        this.handler = handler;
    }

    /**
     * Opens a source: its first request goes out now.
     *
     * @param agent the agent that makes the requests
     * @param uri the stream's address
     * @param clock times the reconnections
     * @param handler told of events, openings and the end
     * @return the source, to {@link #close()}
     */
    public static EventSource connect(HttpAgent agent, URI uri, ReactorTime clock, Handler handler) {
        EventSource source = new EventSource(agent, uri, clock, handler);
        source.open();
        return source;
    }

    /** Returns the id that will be sent as {@code Last-Event-ID} on the next connection, or null. */
    public @Nullable String lastEventId() {
        EventStreamParser reading = parser;
        return reading != null ? nonEmpty(reading.lastEventId()) : lastEventId;
    }

    /** Returns the delay before the next reconnection, in milliseconds. */
    public long retryMillis() {
        return retryMillis;
    }

    /** Stops: the stream is aborted, no reconnection follows, and the handler's {@code closed(null)} is called. */
    public void close() {
        if (closed) {
            return;
        }
        stop(null);
    }

    private void stop(@Nullable Failure reason) {
        closed = true;
        DelayedCall timer = reconnect;
        reconnect = null;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        Deferred<Response> pending = requesting;
        requesting = null;
        if (pending != null) {
            pending.cancel();
        }
        Response open = streaming;
        streaming = null;
        if (open != null) {
            open.abortBody();
        }
        handler.closed(reason);
    }

    private void open() {
        Headers headers = new Headers();
        headers.set("Accept", "text/event-stream");
        headers.set("Cache-Control", "no-cache");
        if (lastEventId != null) {
            headers.set("Last-Event-ID", lastEventId);
        }
        Deferred<Response> request = agent.request("GET", uri, headers, null);
        requesting = request;
        request.addCallbacks(response -> {
            requesting = null;
            answered(response);
            return null;
        }, failure -> {
            requesting = null;
            if (!closed) {
                later();
            }
            return null;
        });
    }

    private void answered(Response response) {
        if (closed) {
            response.abortBody();
            return;
        }
        String type = response.headers().get("Content-Type");
        String mime = type == null ? "" : type.split(";", 2)[0].strip();
        if (response.code() != 200 || !mime.equalsIgnoreCase("text/event-stream")) {
            response.abortBody();
            stop(new Failure(new EventSourceRefused("the server answered " + response.code() + " "
                    + response.phrase() + (type == null ? "" : " with " + type) + ", not an event stream")));
            return;
        }
        EventStreamParser reading = new EventStreamParser(new EventStreamParser.Listener() {
            @Override
            public void event(ServerSentEvent event) {
                if (!closed) {
                    handler.event(event);
                }
            }

            @Override
            public void retry(long millis) {
                retryMillis = millis;
            }
        }, lastEventId);
        parser = reading;
        streaming = response;
        handler.opened();
        response.deliverBody(new BodyReceiver() {
            @Override
            public void dataReceived(ByteBuffer piece) {
                if (closed) {
                    return;
                }
                try {
                    reading.feed(piece);
                } catch (EventStreamTooLarge e) {
                    stop(new Failure(e));
                }
            }

            @Override
            public void bodyFinished() {
                ended(reading);
            }

            @Override
            public void bodyFailed(Failure reason) {
                ended(reading);
            }
        });
    }

    private void ended(EventStreamParser reading) {
        reading.end();
        lastEventId = nonEmpty(reading.lastEventId());
        parser = null;
        streaming = null;
        if (!closed) {
            later();
        }
    }

    private void later() {
        reconnect = clock.callLater(retryMillis / 1000.0, () -> {
            reconnect = null;
            if (!closed) {
                open();
            }
        });
    }

    private static @Nullable String nonEmpty(@Nullable String id) {
        return id == null || id.isEmpty() ? null : id;
    }
}
