package org.twisted4j.news;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@link NewsStorage} in memory, for tests and short-lived servers: groups are added with {@link #addGroup},
 * articles live as long as the object. Every Deferred has fired when it is returned.
 *
 * <pre>{@code
 * MemoryNewsStorage storage = new MemoryNewsStorage(Clock.systemUTC());
 * storage.addGroup("local.test", PostingStatus.ALLOWED, "Testing", null);
 * }</pre>
 *
 * <p>Reactor thread only.
 */
public final class MemoryNewsStorage extends IndexedNewsStorage {

    private final Clock clock;
    private final Map<String, byte[]> articles = new HashMap<>();

    /**
     * Makes an empty store.
     *
     * @param clock the wall clock that dates groups and arrivals
     */
    public MemoryNewsStorage(Clock clock) {
        this.clock = clock;
    }

    /**
     * Adds a group.
     *
     * @param name its name
     * @param status whether it takes posts
     * @param description its one-line description, possibly empty
     * @param moderator its moderator's address, for a moderated group, or null
     * @return this store
     * @throws IllegalArgumentException if the name is not a valid group name or is taken
     */
    public MemoryNewsStorage addGroup(String name, PostingStatus status, String description, @Nullable String moderator) {
        index.addGroup(name, status, now(), description, moderator);
        return this;
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public Deferred<byte @Nullable []> article(String messageId) {
        byte[] bytes = articles.get(messageId);
        return Deferred.succeed(bytes == null ? null : bytes.clone());
    }

    @Override
    public Deferred<Map<String, Long>> store(Article article, String server) {
        try {
            NewsIndex.Placement placement = index.place(article, server);
            articles.put(placement.messageId(), placement.article().toBytes());
            index.commit(placement, now());
            return Deferred.succeed(placement.numbers());
        } catch (ArticleRejected e) {
            return Deferred.fail(e);
        }
    }
}
