package org.twisted4j.news;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The part of a {@link NewsStorage} that a {@link NewsIndex} answers alone: groups, overviews, neighbours, which
 * articles are held and which are new. The memory and file stores keep their index in memory and differ only in
 * where the articles' bytes live, so each extends this and adds the articles and storing.
 *
 * <p>Reactor thread only.
 */
abstract class IndexedNewsStorage implements NewsStorage {

    /** The groups, their numbering and the overview of every article held. */
    final NewsIndex index = new NewsIndex();

    @Override
    public final Deferred<List<NewsGroup>> listGroups() {
        return Deferred.succeed(index.listGroups());
    }

    @Override
    public final Deferred<@Nullable NewsGroup> group(String name) {
        NewsIndex.Group group = index.group(name);
        return Deferred.succeed(group == null ? null : group.snapshot());
    }

    @Override
    public final Deferred<List<OverviewEntry>> overview(String group, long low, long high) {
        return Deferred.succeed(index.overview(group, low, high));
    }

    @Override
    public final Deferred<@Nullable OverviewEntry> adjacent(String group, long number, boolean forward) {
        return Deferred.succeed(index.adjacent(group, number, forward));
    }

    @Override
    public final Deferred<Boolean> hasArticle(String messageId) {
        return Deferred.succeed(index.seen(messageId));
    }

    @Override
    public final Deferred<List<String>> newNews(Wildmat groups, Instant since) {
        return Deferred.succeed(index.newNews(groups, since));
    }
}
