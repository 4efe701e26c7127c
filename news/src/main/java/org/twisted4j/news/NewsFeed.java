package org.twisted4j.news;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.logger.Logger;

/**
 * An outgoing feed: the articles a server takes are offered to one peer with IHAVE (RFC 3977 §6.3.2), as INN's
 * {@code innfeed} does for a site in {@code newsfeeds}. {@link FeedingStorage} calls {@link #offer} for every
 * article it stores; the feed keeps one connection to the peer, sends the queued articles one at a time, and on a
 * lost connection or a 436 answer waits {@link #retryDelay()} seconds and connects again.
 *
 * <pre>{@code
 * NewsFeed feed = new NewsFeed("news.b.example", Endpoints.clientFromString(reactor, "tcp:host=b:port=119"),
 *         storage, reactor);
 * NewsStorage feeding = new FeedingStorage(storage, List.of(feed));   // give this one to the server factory
 * }</pre>
 *
 * <h2>Loops and duplicates</h2>
 * An article whose Path already names the peer is not offered to it; the peer refuses the ones it has (435 or
 * 437), which are then dropped. The queue lives in memory: articles queued when the process stops are not sent.
 *
 * <p>Threading: reactor thread only.
 */
public final class NewsFeed {

    /** Default wait before connecting again after a failure, in seconds. */
    public static final double DEFAULT_RETRY_DELAY = 30;

    private static final Logger log = new Logger("news");

    private final String peerName;
    private final StreamClientEndpoint endpoint;
    private final NewsStorage source;
    private final ReactorTime clock;
    private final Deque<String> queue = new ArrayDeque<>();
    private final List<Deferred<@Nullable Void>> drained = new ArrayList<>();
    private double retryDelay = DEFAULT_RETRY_DELAY;
    private @Nullable NNTPClient client;
    private @Nullable DelayedCall retry;
    private boolean busy;
    private boolean stopped;
    private long sent;
    private long refused;

    /**
     * Makes a feed.
     *
     * @param peerName the peer's name as it appears in Path fields
     * @param endpoint where the peer listens
     * @param source the storage the articles are read from
     * @param clock the reactor's clock, for retries
     */
    public NewsFeed(String peerName, StreamClientEndpoint endpoint, NewsStorage source, ReactorTime clock) {
        this.peerName = peerName;
        this.endpoint = endpoint;
        this.source = source;
        this.clock = clock;
    }

    /**
     * Makes a feed to an endpoint given as a string, such as {@code tcp:host=b.example:port=119}.
     *
     * @throws IllegalArgumentException if the description is not a client endpoint
     */
    public static NewsFeed to(String peerName, String endpoint, NewsStorage source, Object reactor, ReactorTime clock) {
        return new NewsFeed(peerName, Endpoints.clientFromString(reactor, endpoint), source, clock);
    }

    /** Returns the peer's name. */
    public String peerName() {
        return peerName;
    }

    /** Returns the wait before connecting again after a failure, in seconds. */
    public double retryDelay() {
        return retryDelay;
    }

    /** Sets the wait before connecting again after a failure, in seconds. */
    public void setRetryDelay(double seconds) {
        this.retryDelay = seconds;
    }

    /** Returns how many articles the peer took. */
    public long sent() {
        return sent;
    }

    /** Returns how many articles the peer refused (435, 437), and were dropped. */
    public long refused() {
        return refused;
    }

    /** Returns how many articles wait to be sent. */
    public int queued() {
        return queue.size();
    }

    /**
     * Queues an article for the peer, unless its Path shows it came through the peer.
     *
     * @param messageId the article's Message-ID
     * @param path its Path field, or null
     */
    public void offer(String messageId, @Nullable String path) {
        if (stopped || (path != null && List.of(path.strip().split("!")).contains(peerName))) {
            return;
        }
        queue.add(messageId);
        pump();
    }

    /** Returns a Deferred that fires once nothing waits to be sent (at once if nothing does). */
    public Deferred<@Nullable Void> whenDrained() {
        Deferred<@Nullable Void> done = new Deferred<>();
        if (queue.isEmpty() && !busy) {
            done.callback(null);
        } else {
            drained.add(done);
        }
        return done;
    }

    /**
     * Stops the feed: no more connections or retries; the connection, if any, is closed with QUIT.
     *
     * @return fires once the peer has answered QUIT (at once if there was no connection)
     */
    public Deferred<@Nullable Void> stop() {
        stopped = true;
        DelayedCall pending = retry;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
        NNTPClient connected = client;
        client = null;
        if (connected == null) {
            return Deferred.succeed(null);
        }
        return connected.quit().addErrback(failure -> null);
    }

    private void pump() {
        if (busy || retry != null || stopped) {
            return;
        }
        if (queue.isEmpty()) {
            List<Deferred<@Nullable Void>> waiting = new ArrayList<>(drained);
            drained.clear();
            waiting.forEach(d -> d.callback(null));
            return;
        }
        busy = true;
        NNTPClient connected = client;
        if (connected == null) {
            NNTPClient fresh = new NNTPClient();
            Endpoints.connectProtocol(endpoint, fresh).addCallbackDeferred(c -> fresh.greeting()).addCallbacks(greeting -> {
                client = fresh;
                busy = false;
                pump();
                return null;
            }, failure -> {
                busy = false;
                failed(failure);
                return null;
            });
            return;
        }
        String id = queue.peek();
        source.article(id).addCallbackDeferred(bytes -> bytes == null ? Deferred.<@Nullable Void>succeed(null)
                : connected.ihave(id, bytes)).addCallbacks(done -> {
                    queue.poll();
                    sent++;
                    busy = false;
                    pump();
                    return null;
                }, failure -> {
                    busy = false;
                    if (failure.value() instanceof NntpError error && (error.code() == 435 || error.code() == 437)) {
                        queue.poll();
                        refused++;
                        pump();
                    } else {
                        client = null;
                        connected.transport().loseConnection();
                        failed(failure);
                    }
                    return null;
                });
    }

    private void failed(Failure failure) {
        log.warn("feed to {peer} failed, retrying in {delay} s: {error}", "peer", peerName, "delay", retryDelay,
                "error", failure.getErrorMessage());
        retry = clock.callLater(retryDelay, () -> {
            retry = null;
            pump();
        });
    }
}
