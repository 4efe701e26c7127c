package org.twisted4j.news;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The commands of an {@link NntpServer} that select groups and articles and read them: GROUP, LISTGROUP, NEXT,
 * LAST, ARTICLE, HEAD, BODY, STAT, OVER/XOVER and HDR/XHDR, with the response codes of RFC 3977 §6 and §8.
 *
 * <p>Reactor thread only, as the session that owns it.
 */
final class ArticleCommands {

    /** Where a command's argument points: one article by Message-ID, or a range in the selected group. */
    private record Target(@Nullable String messageId, String group, ArticleRange range) {
    }

    private final NntpServer session;

    ArticleCommands(NntpServer session) {
        this.session = session;
    }

    private NewsStorage storage() {
        return session.storage();
    }

    void group(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 1);
        String name = command.args().get(0);
        session.await(storage().group(name), group -> {
            if (group == null) {
                session.reply("411 No such newsgroup");
            } else {
                session.select(name, group.count() > 0 ? group.low() : 0);
                session.reply("211 " + group.count() + " " + group.low() + " " + group.high() + " " + name);
            }
        });
    }

    void listGroup(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 0, 2);
        String name = command.args().isEmpty() ? session.selectedGroup() : command.args().get(0);
        ArticleRange range = command.args().size() > 1 ? ArticleRange.parse(command.args().get(1))
                : new ArticleRange(1, Long.MAX_VALUE);
        if (name == null) {
            session.reply("412 No newsgroup selected");
            return;
        }
        session.await(storage().group(name), group -> {
            if (group == null) {
                session.reply("411 No such newsgroup");
                return;
            }
            session.select(name, group.count() > 0 ? group.low() : 0);
            String status = "211 " + group.count() + " " + group.low() + " " + group.high() + " " + name
                    + " list follows";
            session.await(storage().overview(name, range.low(), range.high()), entries -> {
                List<String> numbers = new ArrayList<>(entries.size());
                entries.forEach(entry -> numbers.add(Long.toString(entry.number())));
                session.block(status, numbers);
            });
        });
    }

    void move(boolean forward) {
        String group = session.selectedGroup();
        if (group == null) {
            session.reply("412 No newsgroup selected");
        } else if (session.currentArticle() == 0) {
            session.reply("420 Current article number is invalid");
        } else {
            session.await(storage().adjacent(group, session.currentArticle(), forward), entry -> {
                if (entry == null) {
                    session.reply(forward ? "421 No next article in this group" : "422 No previous article in this group");
                } else {
                    session.setCurrent(entry.number());
                    session.reply("223 " + entry.number() + " " + entry.messageId() + " Article found");
                }
            });
        }
    }

    /**
     * Finds what a command's optional argument points at, or answers 412 or 420 and returns null.
     *
     * @param rangeAllowed whether a range may be given (OVER, HDR) or only a number (ARTICLE...)
     */
    private @Nullable Target target(@Nullable String argument, boolean rangeAllowed) throws NntpSyntaxException {
        if (argument != null && MessageIds.looksLikeOne(argument)) {
            return new Target(argument, "", new ArticleRange(0, 0));
        }
        ArticleRange range = null;
        if (argument != null) {
            range = rangeAllowed ? ArticleRange.parse(argument) : new ArticleRange(ArticleRange.number(argument),
                    ArticleRange.number(argument));
        }
        String group = session.selectedGroup();
        if (group == null) {
            session.reply("412 No newsgroup selected");
            return null;
        }
        if (range == null) {
            if (session.currentArticle() == 0) {
                session.reply("420 Current article number is invalid");
                return null;
            }
            range = new ArticleRange(session.currentArticle(), session.currentArticle());
        }
        return new Target(null, group, range);
    }

    /** Reads the article with Message-ID {@code id} and gives it to {@code found}, or answers 430 if there is none. */
    private void byMessageId(String id, NntpServer.Step<byte[]> found) {
        session.await(storage().article(id), bytes -> {
            if (bytes == null) {
                session.reply("430 No article with that message-id");
            } else {
                found.accept(bytes);
            }
        });
    }

    /**
     * Reads the overview of a target's range and gives it to {@code found}, or answers 420 (no argument: the current
     * article) or 423 if the range holds no article.
     */
    private void inRange(Target target, boolean current, NntpServer.Step<List<OverviewEntry>> found) {
        session.await(storage().overview(target.group(), target.range().low(), target.range().high()), entries -> {
            if (entries.isEmpty()) {
                session.reply(current ? "420 Current article number is invalid" : "423 No articles in that range");
            } else {
                found.accept(entries);
            }
        });
    }

    void article(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 0, 1);
        String keyword = command.keyword();
        Target target = target(command.arg(0), false);
        if (target == null) {
            return;
        }
        String id = target.messageId();
        if (id != null) {
            byMessageId(id, bytes -> send(keyword, 0, id, bytes));
            return;
        }
        long number = target.range().low();
        session.await(storage().overview(target.group(), number, number), entries -> {
            if (entries.isEmpty()) {
                session.reply("423 No article with that number");
                return;
            }
            OverviewEntry entry = entries.get(0);
            session.setCurrent(number);
            if (keyword.equals("STAT")) {
                session.reply("223 " + number + " " + entry.messageId());
                return;
            }
            session.await(storage().article(entry.messageId()), bytes -> {
                if (bytes == null) {
                    session.reply("423 No article with that number");
                } else {
                    send(keyword, number, entry.messageId(), bytes);
                }
            });
        });
    }

    private void send(String keyword, long number, String id, byte[] article) {
        String what = number + " " + id;
        int split = headerEnd(article);
        switch (keyword) {
            case "ARTICLE" -> session.block("220 " + what, DotStuffing.encode(article));
            case "HEAD" -> session.block("221 " + what, DotStuffing.encode(slice(article, 0, split)));
            case "BODY" -> session.block("222 " + what, DotStuffing.encode(slice(article, Math.min(split + 2,
                    article.length), article.length)));
            default -> session.reply("223 " + what);
        }
    }

    /** Returns where the empty line after the header starts (the header's last CRLF ends there), or the length. */
    private static int headerEnd(byte[] article) {
        for (int i = 0; i + 3 < article.length; i++) {
            if (article[i] == '\r' && article[i + 1] == '\n' && article[i + 2] == '\r' && article[i + 3] == '\n') {
                return i + 2;
            }
        }
        return article.length;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    void over(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 0, 1);
        Target target = target(command.arg(0), true);
        if (target == null) {
            return;
        }
        String id = target.messageId();
        if (id != null) {
            byMessageId(id, bytes -> {
                OverviewEntry entry = OverviewEntry.of(0, Article.parse(bytes), Instant.EPOCH);
                session.block("224 Overview information follows", List.of(entry.overLine()));
            });
            return;
        }
        inRange(target, command.arg(0) == null, entries -> {
            List<String> lines = new ArrayList<>(entries.size());
            entries.forEach(entry -> lines.add(entry.overLine()));
            session.block("224 Overview information follows", lines);
        });
    }

    void hdr(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 2);
        boolean xhdr = command.keyword().equals("XHDR");
        String field = command.args().get(0);
        String status = xhdr ? "221 Header follows" : "225 Headers follow";
        Target target = target(command.arg(1), true);
        if (target == null) {
            return;
        }
        String id = target.messageId();
        if (id != null) {
            byMessageId(id, bytes -> session.block(status, List.of((xhdr ? id : "0") + " "
                    + value(Article.parse(bytes), field))));
            return;
        }
        inRange(target, command.arg(1) == null, entries -> {
            if (entries.get(0).field(field) != null) {
                List<String> lines = new ArrayList<>(entries.size());
                entries.forEach(entry -> lines.add(entry.number() + " " + entry.field(field)));
                session.block(status, lines);
                return;
            }
            List<Deferred<byte @Nullable []>> reads = new ArrayList<>(entries.size());
            entries.forEach(entry -> reads.add(storage().article(entry.messageId())));
            session.await(Deferred.gatherResults(reads), articles -> {
                List<String> lines = new ArrayList<>(entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    byte[] bytes = articles.get(i);
                    lines.add(entries.get(i).number() + " " + (bytes == null ? "" : value(Article.parse(bytes), field)));
                }
                session.block(status, lines);
            });
        });
    }

    /** Returns a header's value for HDR, or a metadata item's; empty if the article has no such field. */
    private static String value(Article article, String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case ":bytes" -> Long.toString(article.toBytes().length);
            case ":lines" -> Long.toString(article.bodyLines());
            default -> {
                String value = article.header(field);
                yield value == null ? "" : OverviewEntry.clean(value);
            }
        };
    }
}
