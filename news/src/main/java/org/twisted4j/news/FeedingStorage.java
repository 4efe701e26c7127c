package org.twisted4j.news;

import java.util.List;
import java.util.Map;
import org.twisted4j.defer.Deferred;

/**
 * A {@link NewsStorage} that offers every article it stores to its {@link NewsFeed}s: how a server passes the
 * articles posted to it or fed to it on to its peers. Everything else is the wrapped storage's.
 *
 * <p>Reactor thread only.
 */
public final class FeedingStorage extends ForwardingNewsStorage {

    private final List<NewsFeed> feeds;

    /**
     * Makes it.
     *
     * @param storage where the articles are kept
     * @param feeds the peers they go to
     */
    public FeedingStorage(NewsStorage storage, List<NewsFeed> feeds) {
        super(storage);
        this.feeds = List.copyOf(feeds);
    }

    /** Returns the feeds. */
    public List<NewsFeed> feeds() {
        return feeds;
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
}
