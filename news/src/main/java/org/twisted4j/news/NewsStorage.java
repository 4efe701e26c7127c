package org.twisted4j.news;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Where a news server keeps its groups and articles, as Twisted's {@code INewsStorage}: the server asks it for
 * groups, overview lines and articles, and gives it the articles it accepts. Every answer is a Deferred, so a
 * storage may be slow (a database, another thread); {@link MemoryNewsStorage} and {@link FileNewsStorage} answer
 * at once.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Articles are stored whole, as the server gives them (after it added or checked Path, Message-ID and
 *       Date), with an {@code Xref} field the storage adds naming {@code server} and the article's number in
 *       each group; numbers in a group only grow and are never reused.</li>
 *   <li>A Message-ID is stored once: {@link #store} fails with {@link ArticleRejected} ({@code DUPLICATE}) for
 *       one already seen, and with {@code NO_GROUPS} when none of the article's Newsgroups is carried; the
 *       groups it does not carry are left out.</li>
 *   <li>Ranges beyond what a group holds are clipped, never an error: the cost of {@link #overview} is bounded
 *       by what the group holds, not by the range asked.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; the Deferreds must fire there.
 */
public interface NewsStorage {

    /** Returns every group carried, sorted by name. */
    Deferred<List<NewsGroup>> listGroups();

    /**
     * Returns one group.
     *
     * @param name its name
     * @return the group, or null if it is not carried
     */
    Deferred<@Nullable NewsGroup> group(String name);

    /**
     * Returns the overview of the articles of a group whose numbers are in a range, in number order.
     *
     * @param group the group's name
     * @param low the first number
     * @param high the last number
     * @return the entries present in the range, possibly none (none too for a group not carried)
     */
    Deferred<List<OverviewEntry>> overview(String group, long low, long high);

    /**
     * Returns the entry of the article after (or before) a number in a group: what NEXT and LAST move to.
     *
     * @param group the group's name
     * @param number the current number
     * @param forward true for the next article, false for the previous one
     * @return the entry, or null if there is none that way
     */
    Deferred<@Nullable OverviewEntry> adjacent(String group, long number, boolean forward);

    /**
     * Returns an article by its Message-ID.
     *
     * @param messageId the Message-ID, with its angle brackets
     * @return its octets (header, empty line, body; CRLF line ends, not dot-stuffed), or null if it is not stored
     */
    Deferred<byte @Nullable []> article(String messageId);

    /**
     * Returns whether an article was ever stored under a Message-ID (the history IHAVE and CHECK consult).
     *
     * @param messageId the Message-ID
     * @return whether it was seen
     */
    Deferred<Boolean> hasArticle(String messageId);

    /**
     * Stores an article in the groups of its Newsgroups field that are carried.
     *
     * @param article the article, ready but for Xref (any Xref it has is replaced)
     * @param server the server name for the Xref field
     * @return its number in each group it went to; fails with {@link ArticleRejected} as the contract says, or
     *     with the storage's error (then nothing is stored)
     */
    Deferred<Map<String, Long>> store(Article article, String server);

    /**
     * Returns the Message-IDs of the articles that arrived at or after {@code since} in the groups a wildmat
     * matches, each once, in arrival order (NEWNEWS).
     *
     * @param groups which groups
     * @param since the earliest arrival
     * @return the Message-IDs
     */
    Deferred<List<String>> newNews(Wildmat groups, Instant since);
}
