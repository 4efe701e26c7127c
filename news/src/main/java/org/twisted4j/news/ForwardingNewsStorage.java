package org.twisted4j.news;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@link NewsStorage} that hands every call to another: the base of storages that change one call (such as
 * {@link FeedingStorage}'s {@code store}) and leave the rest as they are. Package-private.
 */
abstract class ForwardingNewsStorage implements NewsStorage {

    /** The storage the calls go to. */
    final NewsStorage storage;

    ForwardingNewsStorage(NewsStorage storage) {
        this.storage = storage;
    }

    @Override
    public Deferred<List<NewsGroup>> listGroups() {
        return storage.listGroups();
    }

    @Override
    public Deferred<@Nullable NewsGroup> group(String name) {
        return storage.group(name);
    }

    @Override
    public Deferred<List<OverviewEntry>> overview(String group, long low, long high) {
        return storage.overview(group, low, high);
    }

    @Override
    public Deferred<@Nullable OverviewEntry> adjacent(String group, long number, boolean forward) {
        return storage.adjacent(group, number, forward);
    }

    @Override
    public Deferred<byte @Nullable []> article(String messageId) {
        return storage.article(messageId);
    }

    @Override
    public Deferred<Boolean> hasArticle(String messageId) {
        return storage.hasArticle(messageId);
    }

    @Override
    public Deferred<Map<String, Long>> store(Article article, String server) {
        return storage.store(article, server);
    }

    @Override
    public Deferred<List<String>> newNews(Wildmat groups, Instant since) {
        return storage.newNews(groups, since);
    }
}
