package org.twisted4j.news;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@link NewsStorage} that offers every article it stores to its {@link NewsFeed}s: how a server passes the
 * articles posted to it or fed to it on to its peers. Everything else is the wrapped storage's.
 *
 * <p>Reactor thread only.
 */
public final class FeedingStorage implements NewsStorage {

    private final NewsStorage storage;
    private final List<NewsFeed> feeds;

    /**
     * Makes it.
     *
     * @param storage where the articles are kept
     * @param feeds the peers they go to
     */
    public FeedingStorage(NewsStorage storage, List<NewsFeed> feeds) {
        this.storage = storage;
        this.feeds = List.copyOf(feeds);
    }

    /** Returns the feeds. */
    public List<NewsFeed> feeds() {
        return feeds;
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
        return storage.store(article, server).addCallback(numbers -> {
            String id = article.header("Message-ID");
            if (id != null) {
                for (NewsFeed feed : feeds) {
                    feed.offer(id.strip(), article.header("Path"));
                }
            }
            return numbers;
        });
    }

    @Override
    public Deferred<List<String>> newNews(Wildmat groups, Instant since) {
        return storage.newNews(groups, since);
    }
}
