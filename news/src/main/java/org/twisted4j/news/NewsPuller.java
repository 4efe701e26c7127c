package org.twisted4j.news;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.logger.Logger;

/**
 * An incoming feed pulled from a peer, as INN's {@code nntpget}: NEWNEWS (RFC 3977 §7.4) gives the Message-IDs
 * that arrived there since the last pull, and each one not already in the storage's history is fetched with
 * ARTICLE and stored as a transferred article (Path gains this server's name, Xref is rewritten).
 *
 * <pre>{@code
 * NewsPuller puller = new NewsPuller(Endpoints.clientFromString(reactor, "tcp:host=b.example:port=119"), "*",
 *         storage, "news.a.example", Clock.systemUTC());
 * puller.start(reactor, 60);                  // every minute; or pullOnce() when you choose
 * }</pre>
 *
 * <p>Each pull asks for what arrived since a little before the previous pull began ({@link #OVERLAP}), so clocks
 * that differ by that much lose nothing; what comes twice is dropped by the history. An article the storage
 * refuses (no group carried, malformed) is skipped.
 *
 * <p>Threading: reactor thread only.
 */
public final class NewsPuller {

    /** How far before the previous pull each NEWNEWS reaches back. */
    public static final Duration OVERLAP = Duration.ofMinutes(10);

    private static final Logger log = new Logger("news");

    private final StreamClientEndpoint endpoint;
    private final String wildmat;
    private final NewsStorage storage;
    private final String serverName;
    private final Clock wallClock;
    private Instant since = Instant.EPOCH;
    private boolean pulling;
    private boolean stopped;
    private @Nullable DelayedCall next;

    /**
     * Makes a puller.
     *
     * @param endpoint where the peer listens
     * @param wildmat which of its groups to pull, such as {@code *} or {@code comp.*,!comp.os.*}
     * @param storage where the articles go
     * @param serverName this server's name, put at the front of Path
     * @param wallClock the wall clock that times each NEWNEWS
     */
    public NewsPuller(StreamClientEndpoint endpoint, String wildmat, NewsStorage storage, String serverName,
            Clock wallClock) {
        this.endpoint = endpoint;
        this.wildmat = wildmat;
        this.storage = storage;
        this.serverName = serverName;
        this.wallClock = wallClock;
    }

    /** Makes a puller to an endpoint given as a string; throws IllegalArgumentException if it is not one. */
    public static NewsPuller from(String endpoint, String wildmat, NewsStorage storage, String serverName,
            Object reactor) {
        return new NewsPuller(Endpoints.clientFromString(reactor, endpoint), wildmat, storage, serverName,
                Clock.systemUTC());
    }

    /**
     * Pulls once: connects, asks NEWNEWS, fetches and stores what is new, and says QUIT.
     *
     * @return how many articles were stored; fails if the connection or NEWNEWS fails (nothing is lost: the next
     *     pull asks from the same time)
     */
    public Deferred<Integer> pullOnce() {
        if (pulling) {
            return Deferred.fail(new IllegalStateException("a pull is already under way"));
        }
        pulling = true;
        Instant started = wallClock.instant();
        NNTPClient client = new NNTPClient();
        return Coroutine.start(() -> {
            Coroutine.await(Endpoints.connectProtocol(endpoint, client));
            Coroutine.await(client.greeting());
            List<String> ids = Coroutine.await(client.fetchNewNews(wildmat, since.minus(OVERLAP).isBefore(Instant.EPOCH)
                    ? Instant.EPOCH : since.minus(OVERLAP)));
            int stored = 0;
            for (String id : ids) {
                if (!MessageIds.isValid(id) || Coroutine.await(storage.hasArticle(id))) {
                    continue;
                }
                try {
                    Article article = Article.parse(Coroutine.await(client.fetchArticle(id)));
                    Coroutine.await(storage.store(Posting.relayed(article, id, serverName), serverName));
                    stored++;
                } catch (NntpError | ArticleRejected | ArticleFormatException e) {
                    log.info("not taking {id} from the peer: {why}", "id", id, "why", e.getMessage());
                }
            }
            Coroutine.await(client.quit());
            since = started;
            return stored;
        }).addBoth(result -> {
            pulling = false;
            if (result instanceof Failure failure) {
                client.close();
                throw failure.raise();
            }
            return (Integer) result;
        });
    }

    /**
     * Pulls now and then every {@code intervalSeconds}, logging failures, until {@link #stop()}.
     *
     * @param clock the reactor's clock
     * @param intervalSeconds the time between the end of one pull and the start of the next
     */
    public void start(ReactorTime clock, double intervalSeconds) {
        stopped = false;
        pullOnce().addBoth(result -> {
            if (result instanceof Failure failure) {
                log.warn("pulling news failed: {error}", "error", failure.getErrorMessage());
            }
            if (!stopped) {
                next = clock.callLater(intervalSeconds, () -> start(clock, intervalSeconds));
            }
            return null;
        });
    }

    /** Stops the pulls {@link #start} scheduled; a pull under way ends by itself. */
    public void stop() {
        stopped = true;
        DelayedCall pending = next;
        next = null;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
    }
}
