package org.twisted4j.news;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The groups, overview and Message-ID history both stores keep in memory: {@link MemoryNewsStorage} alone,
 * {@link FileNewsStorage} as the cache of what its files hold. Storing is two steps, {@link #place} (checks and
 * numbers, changes nothing) and {@link #commit}, so that a store can write its files in between.
 *
 * <p>Reactor thread only.
 */
final class NewsIndex {

    /** A group's settings and articles. */
    static final class Group {
        final String name;
        final PostingStatus status;
        final Instant created;
        final String description;
        final @Nullable String moderator;
        final NavigableMap<Long, OverviewEntry> entries = new TreeMap<>();
        long high;

        Group(String name, PostingStatus status, Instant created, String description, @Nullable String moderator) {
            this.name = name;
            this.status = status;
            this.created = created;
            this.description = description;
            this.moderator = moderator;
        }

        NewsGroup snapshot() {
            long low = entries.isEmpty() ? high + 1 : entries.firstKey();
            return new NewsGroup(name, low, high, entries.size(), status, created, description, moderator);
        }
    }

    /**
     * An article checked and numbered but not yet stored.
     *
     * @param article the article with its Xref field
     * @param messageId its Message-ID
     * @param numbers its number in each group
     */
    record Placement(Article article, String messageId, Map<String, Long> numbers) {
    }

    private final Map<String, Group> groups = new TreeMap<>();
    private final Set<String> history = new HashSet<>();

    /** Adds a group; throws IllegalArgumentException if the name is not valid or is taken. */
    Group addGroup(String name, PostingStatus status, Instant created, String description, @Nullable String moderator) {
        if (!NewsGroup.isValidName(name)) {
            throw new IllegalArgumentException("not a valid newsgroup name: " + name);
        }
        if (groups.containsKey(name)) {
            throw new IllegalArgumentException("the group exists already: " + name);
        }
        Group group = new Group(name, status, created, description, moderator);
        groups.put(name, group);
        return group;
    }

    @Nullable Group group(String name) {
        return groups.get(name);
    }

    List<NewsGroup> listGroups() {
        List<NewsGroup> list = new ArrayList<>(groups.size());
        for (Group group : groups.values()) {
            list.add(group.snapshot());
        }
        return list;
    }

    List<OverviewEntry> overview(String name, long low, long high) {
        Group group = groups.get(name);
        if (group == null || low > high) {
            return List.of();
        }
        return List.copyOf(group.entries.subMap(low, true, high, true).values());
    }

    @Nullable OverviewEntry adjacent(String name, long number, boolean forward) {
        Group group = groups.get(name);
        if (group == null) {
            return null;
        }
        Map.Entry<Long, OverviewEntry> entry = forward ? group.entries.higherEntry(number) : group.entries.lowerEntry(number);
        return entry == null ? null : entry.getValue();
    }

    boolean seen(String messageId) {
        return history.contains(messageId);
    }

    /** Checks an article and gives it its numbers and Xref; the index is unchanged. */
    Placement place(Article article, String server) throws ArticleRejected {
        String messageId = article.header("Message-ID");
        if (messageId == null || !MessageIds.isValid(messageId.strip())) {
            throw new ArticleRejected(ArticleRejected.Reason.MALFORMED, "Missing or bad Message-ID");
        }
        messageId = messageId.strip();
        if (history.contains(messageId)) {
            throw new ArticleRejected(ArticleRejected.Reason.DUPLICATE, "Duplicate article " + messageId);
        }
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String name : newsgroups(article)) {
            Group group = groups.get(name);
            if (group != null) {
                numbers.put(name, group.high + 1);
            }
        }
        if (numbers.isEmpty()) {
            throw new ArticleRejected(ArticleRejected.Reason.NO_GROUPS, "No newsgroup of the article is carried here");
        }
        StringBuilder xref = new StringBuilder(server);
        numbers.forEach((name, number) -> xref.append(' ').append(name).append(':').append(number));
        return new Placement(article.withHeader("Xref", xref.toString()), messageId, Map.copyOf(numbers));
    }

    /** Adds a placed article's overview entries and Message-ID. */
    void commit(Placement placement, Instant arrived) {
        placement.numbers().forEach((name, number) -> restore(name, OverviewEntry.of(number, placement.article(), arrived)));
    }

    /** Adds one overview entry as read back from a store's files (or committed). */
    void restore(String name, OverviewEntry entry) {
        Group group = groups.get(name);
        if (group == null) {
            return;
        }
        group.entries.put(entry.number(), entry);
        group.high = Math.max(group.high, entry.number());
        history.add(entry.messageId());
    }

    /** Returns the Message-IDs that arrived since {@code since} in the groups matched, once each, oldest first. */
    List<String> newNews(Wildmat wildmat, Instant since) {
        List<OverviewEntry> found = new ArrayList<>();
        for (Group group : groups.values()) {
            if (wildmat.matches(group.name)) {
                for (OverviewEntry entry : group.entries.values()) {
                    if (!entry.arrived().isBefore(since)) {
                        found.add(entry);
                    }
                }
            }
        }
        found.sort((a, b) -> a.arrived().compareTo(b.arrived()));
        Set<String> ids = new LinkedHashSet<>();
        for (OverviewEntry entry : found) {
            ids.add(entry.messageId());
        }
        return List.copyOf(ids);
    }

    /** Returns the distinct group names of an article's Newsgroups field. */
    static List<String> newsgroups(Article article) {
        String field = article.header("Newsgroups");
        if (field == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : field.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return List.copyOf(names);
    }
}
