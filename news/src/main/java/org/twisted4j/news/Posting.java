package org.twisted4j.news;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the server checks and adds before it stores an article (RFC 5537 §3.5 for POST, §3.6 for IHAVE): the
 * required fields, Message-ID and Date added when a poster left them out, the server's name put at the front of
 * Path, and any Xref dropped (the storage writes its own).
 */
final class Posting {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Posting() {
    }

    /** Prepares an article given with POST. */
    static Article posted(Article article, String server, Instant now) throws ArticleRejected {
        required(article, "From", "Subject", "Newsgroups");
        String id = article.header("Message-ID");
        if (id == null) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random);
            article = article.withHeader("Message-ID", "<" + HexFormat.of().formatHex(random) + "@" + server + ">");
        } else if (!MessageIds.isValid(id.strip()) || article.count("Message-ID") > 1) {
            throw malformed("Bad Message-ID");
        }
        article = date(article, now);
        String path = article.header("Path");
        return article.withHeader("Path", server + "!" + (path == null || path.isBlank() ? "not-for-mail" : path.strip()))
                .withoutHeader("Xref");
    }

    /** Prepares an article offered with IHAVE under {@code messageId}. */
    static Article relayed(Article article, String messageId, String server) throws ArticleRejected {
        required(article, "From", "Subject", "Newsgroups", "Message-ID", "Date", "Path");
        String id = article.header("Message-ID");
        if (id == null || !id.strip().equals(messageId)) {
            throw malformed("Message-ID differs from the one offered");
        }
        if (NntpDates.parseField(article.header("Date") + "") == null) {
            throw malformed("Bad Date field");
        }
        String path = String.valueOf(article.header("Path")).strip();
        return article.withHeader("Path", server + "!" + path).withoutHeader("Xref");
    }

    /**
     * Checks a posted article against the groups it names: at least one must be carried, and each carried one
     * must take posts (a moderated one only approved articles).
     */
    static void allowed(Article article, Map<String, NewsGroup> carried) throws ArticleRejected {
        List<String> names = NewsIndex.newsgroups(article);
        boolean any = false;
        for (String name : names) {
            NewsGroup group = carried.get(name);
            if (group == null) {
                continue;
            }
            any = true;
            switch (group.status()) {
                case NOT_ALLOWED -> throw new ArticleRejected(ArticleRejected.Reason.NOT_ALLOWED,
                        "Posting to " + name + " is not allowed");
                case MODERATED -> {
                    if (article.header("Approved") == null) {
                        String moderator = group.moderator();
                        throw new ArticleRejected(ArticleRejected.Reason.NOT_ALLOWED, name + " is moderated"
                                + (moderator == null ? "" : "; send the article to " + moderator));
                    }
                }
                case ALLOWED -> {
                }
            }
        }
        if (!any) {
            throw new ArticleRejected(ArticleRejected.Reason.NO_GROUPS, "No such newsgroup");
        }
    }

    private static Article date(Article article, Instant now) throws ArticleRejected {
        String date = article.header("Date");
        if (date == null) {
            return article.withHeader("Date", NntpDates.field(now));
        }
        if (NntpDates.parseField(date) == null) {
            throw malformed("Bad Date field");
        }
        return article;
    }

    private static void required(Article article, String... names) throws ArticleRejected {
        for (String name : names) {
            @Nullable String value = article.header(name);
            if (value == null || value.isBlank()) {
                throw malformed("Missing " + name + " field");
            }
            if (article.count(name) > 1) {
                throw malformed("More than one " + name + " field");
            }
        }
    }

    private static ArticleRejected malformed(String why) {
        return new ArticleRejected(ArticleRejected.Reason.MALFORMED, why);
    }
}
